language-menu = Sprache
language-system = System ({ $language })
language-hover = Die Sprache des Fensters. „System“ folgt der Spracheinstellung dieses Computers.
