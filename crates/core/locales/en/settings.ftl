# The window's language setting (View → Language).

language-menu = Language
language-system = System ({ $language })
language-hover = The language of the window. "System" follows this computer's language setting.
