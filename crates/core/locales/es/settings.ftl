language-menu = Idioma
language-system = Sistema ({ $language })
language-hover = El idioma de la ventana. “Sistema” sigue la configuración de idioma de este equipo.
