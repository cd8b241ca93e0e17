extensions = ["tools.sphinxext.bundle"]
project = "bundle"
html_theme = "basic"
html_static_path = ["_static"]
html_css_files = ["site.css", "sub/deep.css", ("media.css", {"media": "print"}),
                  "https://example.org/remote.css"]
html_js_files = ["tool.js", ("module.js", {"type": "module"})]
