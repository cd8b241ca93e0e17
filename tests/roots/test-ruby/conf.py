extensions = ["myst_parser", "tools.sphinxext.ruby"]
language = "ja"
project = "ルビ"
copyright = "2026, test"
html_theme = "basic"
myst_enable_extensions = ["colon_fence"]
version = "1.0"
