//! The window's language: chosen at start (the settings file's choice, else the system's)
//! and in View → Language. Every label comes from the core's catalogue (`s3share_core::tr!`),
//! so a new choice shows on the next frame.

use s3share_core::i18n::{self, Language};
use s3share_core::preferences;
use s3share_core::tr;

use crate::App;
use crate::history_jobs::HistoryOp;

/// The language for `choice` (`None`: the system's).
fn effective(choice: Option<Language>) -> Language {
    choice.unwrap_or_else(Language::system)
}

impl App {
    /// Reads the language chosen in the settings (a small file, once, before the first
    /// frame) and speaks it, or the system's.
    pub(crate) fn load_language(&mut self) {
        let choice = self
            .history_store
            .as_ref()
            .and_then(|store| preferences::load_language(&store.preferences));
        self.set_language(choice);
    }

    /// Speaks `choice` from the next frame on (`None`: the system's language). Tests call
    /// this with `Some(Language::English)` so the window is English whatever `LANG` is.
    pub fn set_language(&mut self, choice: Option<Language>) {
        self.language = choice;
        i18n::set_language(effective(choice));
    }

    /// The language chosen (`None`: the system's).
    pub fn language_choice(&self) -> Option<Language> {
        self.language
    }

    /// View → Language: System, then each language by its own name (a section of the
    /// View menu, like the theme's).
    pub(crate) fn language_menu_ui(&mut self, ui: &mut egui::Ui) {
        ui.separator();
        ui.label(egui::RichText::new(tr!("language-menu")).weak());
        let mut chosen = None;
        let system = tr!(
            "language-system",
            language = Language::system().native_name()
        );
        if ui
            .radio(self.language.is_none(), system)
            .on_hover_text(tr!("language-hover"))
            .clicked()
        {
            chosen = Some(None);
        }
        for language in Language::ALL {
            if ui
                .radio(self.language == Some(language), language.native_name())
                .clicked()
            {
                chosen = Some(Some(language));
            }
        }
        if let Some(choice) = chosen
            && choice != self.language
        {
            self.set_language(choice);
            // Through the history worker, in order with the other settings' saves.
            self.history_op(HistoryOp::SaveLanguage(choice));
            ui.ctx().request_repaint();
        }
    }
}
