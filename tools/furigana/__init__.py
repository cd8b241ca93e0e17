"""Japanese reading support: the ruby notation, dictionary readings and the furigana tools."""
