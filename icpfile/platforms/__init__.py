"""The mini-program platforms' filing APIs: codes, request bodies (export) and WeChat submission.

Nothing here is imported by `icpfile check` unless a draft names a platform: `codes` is pure data,
`export` maps a checked draft to a body by a mapping file per platform (`<platform>.yaml` beside
this file), `wechat` holds the HTTP client (httpx, imported only there).
"""

PLATFORMS = ("wechat", "douyin", "alipay", "huawei")
