extensions = ["myst_parser", "tools.sphinxext.ruby"]
language = "ja"
project = "翻訳"
html_theme = "basic"
locale_dirs = ["locale"]
gettext_compact = False
