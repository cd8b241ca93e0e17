extensions = ["myst_parser", "tools.sphinxext.image_size"]
language = "ja"
project = "画像の大きさ"
copyright = "2026, test"
html_theme = "basic"
