"""icpfile: lint and guide Chinese ICP filing (ICP备案) drafts before they are submitted."""

__version__ = "0.1.0"
