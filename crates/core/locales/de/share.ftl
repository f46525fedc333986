share-hint-select = Wählen Sie eine Datei aus, um sie zu teilen.
share-hint-then = Wählen Sie dann, wie lange der Link gilt, und klicken Sie auf „Link kopieren“.
share-hint-several = Mit Strg- oder Umschalt-Klick teilen Sie mehrere Dateien auf einmal.
share-folder-or-page = Oder alles in „{ $folder }“ als einen Link teilen
share-folder-or-page-detail = Jede Datei darin und in seinen Unterordnern, auf einer Seite.
share-folder-kind = Ordner · jede Datei darin und in seinen Unterordnern als einen Link teilen

share-page-button = Als einen Link teilen
share-page-hover-files = Kopiert einen Link zu einer Seite, die die { $files } auflistet, jede mit eigenem Download-Link; die Seite und ihre Links gelten für die oben gewählte Zeit
share-page-hover-folder = Kopiert einen Link zu einer Seite, die jede Datei in diesem Ordner und seinen Unterordnern auflistet, jede mit eigenem Download-Link; die Seite und ihre Links gelten für die oben gewählte Zeit
share-page-kept = Die Seite wird im Bucket (in .s3share/) aufbewahrt, bis ihre Links enden, und dann entfernt.
share-page-off = „Als einen Link teilen“ ist nicht möglich: { $why }
share-page-making = Seite wird erstellt…
share-page-link = Seitenlink
share-page-copied = ✔ Kopiert — Seite mit { $files }, gültig bis { $until }
share-page-ended = Die Seite mit { $files } ist abgelaufen: Sie galt bis { $time }. Teilen Sie erneut als einen Link, um eine neue zu erhalten.

share-sooner = Früher als gewünscht: Dann endet die vorübergehende Anmeldung, mit der er signiert wurde.
share-modified = Geändert am { $time }

share-expiry-heading = Link gilt für
share-custom = Eigene…
share-custom-hover = Beliebige Dauer von 1 Sekunde bis 7 Tage
share-custom-length = Eigene Dauer
share-unit-minutes = { $count ->
    [one] Minute
   *[other] Minuten
}
share-unit-hours = { $count ->
    [one] Stunde
   *[other] Stunden
}
share-unit-days = { $count ->
    [one] Tag
   *[other] Tage
}
share-max-length = Links gelten höchstens { $length } (eine Grenze von S3-Signaturen).
share-expiry-empty = Geben Sie ein, wie lange der Link gelten soll, zum Beispiel 3 Tage.
share-expiry-not-number = „{ $text }“ ist keine ganze Zahl. Geben Sie zum Beispiel 3 ein und wählen Sie Tage.

share-mode-heading = Wenn der Link geöffnet wird
share-open-in-browser = Im Browser öffnen
share-open-in-browser-hover = Bilder, PDFs und Text werden im Browser angezeigt; andere Dateien werden heruntergeladen
share-download = Herunterladen
share-each-own-name = Jede Datei wird unter ihrem eigenen Namen heruntergeladen.
share-save-as = Speichern als

share-take-back = Eine Kopie teilen, die ich zurücknehmen kann
share-take-back-hover = Einen einfachen Link kann man nicht zurücknehmen. Hiermit wird die Datei im Bucket kopiert (nach .s3share/shares/ daneben) und die Kopie geteilt: „Freigabe beenden“ im Verlauf löscht sie, und der Link funktioniert sofort nicht mehr. Die Kopie wird entfernt, wenn der Link endet.
share-copy-cost = Speichert eine zweite Kopie ({ $size }), bis der Link endet

share-copy-link = Link kopieren
share-copy-links = Links kopieren
share-copy-link-hover = Kopiert einen Link, der für die oben gewählte Zeit gilt (Strg+Umschalt+C)
share-copy-links-hover = Kopiert für jede Datei einen Link, einen pro Zeile, der für die oben gewählte Zeit gilt (Strg+Umschalt+C)
share-copy-for-email = ✉ Für E-Mail kopieren
share-copy-for-email-hover = Kopiert eine fertige Nachricht zum Einfügen: den Dateinamen als anklickbaren Link, die Größe und wie lange er gilt (auch als reinen Text, für einfache Editoren)
share-email = E-Mail…
share-email-hover = Beginnt eine neue Nachricht in Ihrem E-Mail-Programm, mit dem Link darin
share-qr = QR-Code
share-qr-hover = Zeigt den Link als QR-Code, um ihn auf einem Smartphone zu öffnen
share-password = Mit Passwort…
share-password-hover = Verschlüsselt die Datei hier und teilt eine Seite, die sie nur mit einem von Ihnen gewählten Passwort öffnet
share-copy-off = „Link kopieren“ ist nicht möglich: { $why }
share-making-link = Link wird erstellt…
share-making-links = Links werden erstellt…
share-select-first = Wählen Sie zuerst eine Datei aus.
share-sign-in-ended = Ihre vorübergehende Anmeldung ist am { $time } abgelaufen: Damit erstellte Links funktionieren nicht mehr.
share-sign-in-temporary = Diese Schlüssel sind vorübergehend: Links funktionieren nicht mehr, wenn Ihre Anmeldung endet, am { $until }.
share-refresh-folder = Ordner aktualisieren
share-busy = Das Fenster ist zu beschäftigt; versuchen Sie es erneut.

share-made-mail = ✔ Link erstellt — gültig bis { $until }
share-made-mail-opened = ✔ In Ihrem E-Mail-Programm geöffnet — gültig bis { $until }
share-made-qr = ✔ QR-Code bereit — gültig bis { $until }
share-made-for-email = ✔ Für E-Mail kopiert — fügen Sie es in eine Nachricht ein. Gültig bis { $until }
share-made-one = ✔ Kopiert — gültig bis { $until }
share-made-many = ✔ { $count ->
    [one] { $count } Link
   *[other] { $count } Links
} kopiert — gültig bis { $until }
share-links-ended = { $count ->
    [one] Dieser Link ist abgelaufen: Er galt bis { $time }. „Link kopieren“ erstellt einen neuen.
   *[other] Diese { $count } Links sind abgelaufen: Sie galten bis { $time }. „Link kopieren“ erstellt neue.
}
share-links-to-copy = Er verweist auf eine Kopie: Verlauf → Freigabe beenden löscht sie, und der Link funktioniert sofort nicht mehr.
share-opening-mail = Ihr E-Mail-Programm wird geöffnet…
share-long-link = ⚠ Dieser Link ist { $length } Zeichen lang. Manche E-Mail-Systeme brechen Zeilen mit mehr als { $max } Zeichen um, daher kann er beschädigt ankommen: Testen Sie ihn aus der gesendeten Nachricht. Vorübergehende Anmeldungen erzeugen so lange Links; eine Verbindung mit dauerhaften Zugriffsschlüsseln ergibt kurze Links.
share-link = Link
share-test-link = Link testen
share-test-link-hover = Öffnet den Link so, wie der Browser des Empfängers es tun wird
share-test-works = ✔ funktioniert

share-copied-toast = Link kopiert — gültig bis { $until }
share-links-copied-toast = { $count ->
    [one] { $count } Link
   *[other] { $count } Links
} kopiert, eine Nachricht
share-copied-for-email-toast = Für E-Mail kopiert — fügen Sie es in eine Nachricht ein
share-plain-only = Nur als reiner Text kopiert: Die Zwischenablage dieses Desktops hat die formatierte Fassung nicht übernommen.
share-mail-busy = Das Fenster war zu beschäftigt, um Ihr E-Mail-Programm zu starten, daher liegt die Nachricht in der Zwischenablage: Beginnen Sie eine neue E-Mail und fügen Sie sie ein.
share-no-mail-program = Es wurde kein E-Mail-Programm geöffnet, daher liegt die Nachricht in der Zwischenablage: Beginnen Sie eine neue E-Mail und fügen Sie sie ein.
share-mail-too-long = Die Nachricht ist zu lang, um sie direkt an ein E-Mail-Programm zu übergeben (sie nehmen etwa { $max } Zeichen an), daher liegt sie in der Zwischenablage: Beginnen Sie eine neue E-Mail und fügen Sie sie ein.

share-qr-alt = QR-Code des Links zu { $name }
share-qr-point = Richten Sie die Kamera eines Smartphones darauf, um den Link zu öffnen.
share-qr-too-long = Dieser Link ist zu lang für einen QR-Code ({ $length } Zeichen). Senden Sie ihn stattdessen per E-Mail.
share-phone-warning = ⚠ Dieser Link zeigt auf diesen Computer: Ein Smartphone (oder jemand anderes) kann ihn nicht öffnen. Links zum Demo-Speicher funktionieren nur auf diesem Computer; um eine Datei auf einem Smartphone zu öffnen, teilen Sie sie aus echtem Speicher.

share-several-selected = { $count ->
    [one] { $count } Datei ausgewählt
   *[other] { $count } Dateien ausgewählt
}
share-several-total = { $size } insgesamt · eine Nachricht mit einem Link für jede
share-several-more = und { $count } weitere

share-until-ended = { $time } (abgelaufen)
share-expires-in = noch { $left }
share-expired = abgelaufen
share-left-seconds = { $count } s
share-left-minutes = { $count } Min.
share-left-hours = { $count } Std.

share-warning-session-short = endet evtl. früher: vorübergehende Schlüssel mit unbekanntem Ende
share-warning-session = Dieser Link wurde mit vorübergehenden Schlüsseln (einem Sitzungstoken) signiert, deren Ende unbekannt ist. Er kann daher vor der angezeigten Zeit aufhören zu funktionieren: wenn diese Sitzung endet. Testen Sie ihn vor dem Senden, oder signieren Sie mit dauerhaften Schlüsseln oder solchen mit bekanntem Ende (geben Sie der Verbindung das Ende der Sitzung an).

share-check-timeout = Der Speicherdienst hat nicht rechtzeitig geantwortet. Versuchen Sie es in einer Minute erneut.
share-check-unreachable = Der Speicherdienst ist von diesem Computer aus nicht erreichbar. Prüfen Sie die Internetverbindung.
share-check-expired = Der Link ist abgelaufen. Kopieren Sie einen neuen.
share-check-no-file = Die Datei existiert nicht mehr. Aktualisieren Sie den Ordner.
share-check-no-bucket = Der Bucket existiert nicht mehr.
share-check-signature = Der Speicherdienst akzeptiert die Signatur des Links nicht. Wurde der Link beim Einfügen verändert?
share-check-keys = Die Schlüssel, die den Link signiert haben, sind nicht mehr gültig. Melden Sie sich erneut an und kopieren Sie einen neuen Link.
share-check-denied = Zugriff verweigert: Die Schlüssel, die den Link signiert haben, dürfen diese Datei nicht lesen.
share-check-status = Der Speicherdienst antwortete mit HTTP { $status }.
share-check-refused = Der Speicherdienst hat den Link abgelehnt (HTTP { $status }, { $code }).

share-preview-loading = Vorschau wird geladen…
share-preview-alt = Vorschau von { $name }
share-preview-picture = Bild · { $width } × { $height } Pixel
share-preview-pdf-pages = { $count ->
    [one] PDF · { $count } Seite
   *[other] PDF · { $count } Seiten
}
share-preview-pdf-too-big = PDF · Seitenzahl unbekannt: Nur PDFs bis { $size } werden gelesen, um ihre Seiten zu zählen
share-preview-pdf-protected = PDF · durch ein Passwort geschützt
share-preview-pdf-unknown = PDF · Seitenzahl unbekannt
share-preview-failed = Keine Vorschau: { $reason }
share-preview-kind = Keine Vorschau für diese Art von Datei
share-preview-too-big = Zu groß für eine Vorschau ({ $size })
share-preview-empty = Die Datei ist leer
share-preview-changed = Keine Vorschau: Die Datei hat sich geändert, seit der Ordner aufgelistet wurde. Aktualisieren Sie den Ordner.
share-preview-too-many-pixels = Zu viele Pixel für eine Vorschau
share-preview-too-many-pixels-sized = Zu viele Pixel für eine Vorschau ({ $width } × { $height })
share-preview-unreadable-picture = Keine Vorschau: Die Datei konnte nicht als Bild gelesen werden
share-preview-unreadable-text = Keine Vorschau: Die Datei konnte nicht als Text gelesen werden
share-preview-unreadable-pdf = Keine Vorschau: Die Datei konnte nicht als PDF gelesen werden
