extensions = ["myst_parser", "tools.sphinxext.ruby", "tools.sphinxext.speech"]
language = "ja"
project = "読み上げ"
copyright = "2026, test"
html_theme = "basic"
myst_enable_extensions = ["colon_fence"]
version = "1.0"
