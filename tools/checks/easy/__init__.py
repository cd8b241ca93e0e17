"""The checks of the やさしい日本語 edition behind ``yasashii-check``, one capability each.

``messages`` (the catalogs as messages with their kind), ``text`` (what readers see),
``morph`` (the analyser's words), ``faithfulness`` (the facts of the msgid in the msgstr),
``amount`` (length, sentences, passage readability), ``wakachi`` (the 分かち書き rule),
``vocabulary`` (JLPT N5–N4 by dictionary form), ``termbase`` (locale/easy/terms.yaml and
the glossary page made from it), ``consistency`` (one translation per msgid), ``codes``
(the YAS codes and their weight), ``yamlfile`` (YAML data with line numbers).
"""
