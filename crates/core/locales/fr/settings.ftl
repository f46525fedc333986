language-menu = Langue
language-system = Système ({ $language })
language-hover = La langue de la fenêtre. « Système » suit le réglage de langue de cet ordinateur.
