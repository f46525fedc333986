# Der Rahmen des Hauptfensters: obere Leiste, Menü Ansicht, Demo-Hinweis, Statusleiste,
# Schließen nach dem Kopieren, Start des Fensters; Designs, Uhrhinweis, Sitzungsende.

window-copy-select-first = Wählen Sie zuerst eine Datei aus und drücken Sie dann Strg+Umschalt+C.
window-filter = Filter
window-filter-hint = Filtern… (Strg+F)
window-filter-clear = Filter leeren
window-view-menu = Ansicht
window-show-own-files = Dateien von s3share selbst anzeigen
window-show-own-files-hover = Die .s3share-Ordner, in denen s3share geteilte Kopien und Seiten ablegt (sie werden entfernt, wenn ihre Links enden)
window-refresh = ⟳ Aktualisieren
window-refresh-hover = Diesen Ordner neu auflisten
window-theme = Design
window-theme-system = Wie das System
window-theme-light = Hell
window-theme-dark = Dunkel
window-demo-banner = Demo-Speicher auf diesem Computer – Links funktionieren nur hier.
window-demo-banner-hover = Die Demo-Dateien liegen in einem Ordner auf diesem Computer; Links öffnen sich nur hier, solange S3 Share läuft.
window-demo-add-account = Eigenes S3-Konto hinzufügen →

window-too-busy-list = Das Fenster ist zu beschäftigt, um diesen Ordner aufzulisten. Versuchen Sie es noch einmal.
window-request-files = Dateien anfordern…
window-request-files-hover = Eine Seite erstellen, über die Ihnen jeder Dateien in diesen Ordner senden kann
window-history-hover = Die Links, die Sie geteilt haben, und bis wann sie funktionieren
window-keys-hint = Pfeiltasten wählen aus · Eingabe öffnet einen Ordner · Rücktaste geht nach oben · Strg+Umschalt+C kopiert einen Link

window-close-title = Link vor dem Schließen einfügen?
window-close-text = Was Sie gerade kopiert haben, bleibt nur in der Zwischenablage, solange S3 Share geöffnet ist – es sei denn, Sie nutzen eine Zwischenablageverwaltung. Fügen Sie es zuerst ein oder schließen Sie trotzdem.
window-close-keep-open = S3 Share geöffnet lassen
window-close-anyway = Trotzdem schließen

window-could-not-open = s3share: Das Fenster konnte nicht geöffnet werden: { $reason }. Die Befehlszeile funktioniert weiterhin: siehe `s3share --help`.

window-demo-started-afresh = Der Demo-Speicher musste neu beginnen, daher funktionieren Links, die Sie zuvor damit erstellt haben, nicht mehr.
window-demo-last-time-gone = Links, die Sie beim letzten Mal mit dem Demo-Speicher erstellt haben, funktionieren nicht mehr.
window-demo-session-only = Mit dem Demo-Speicher erstellte Links funktionieren nicht mehr, sobald S3 Share geschlossen wird.
window-demo-no-keyring = Diesmal hat kein Schlüsselbund die Schlüssel des Demo-Speichers aufbewahrt; sie gelten daher nur, solange S3 Share geöffnet ist.
window-demo-port-taken = Ein anderes Programm belegt Port { $port }, auf den diese Links zeigen. Sobald er frei ist, funktionieren sie nach einem Neustart von S3 Share wieder.
window-demo-keys-gone = Der Schlüsselbund enthält die Schlüssel des Demo-Speichers nicht mehr, daher hat er neue.
window-demo-keyring-unreadable = Der Schlüsselbund konnte nicht gelesen werden, daher verwendet der Demo-Speicher bis zum nächsten Start von S3 Share neue Schlüssel.
window-demo-earlier-keys-not-kept = Beim letzten Mal hat kein Schlüsselbund die Schlüssel des Demo-Speichers aufbewahrt, daher endeten diese Links, als S3 Share geschlossen wurde.
window-demo-earlier-fallback-port = Beim letzten Mal lief der Demo-Speicher auf Port { $port }, weil sein üblicher Port belegt war; damals erstellte Links zeigen dorthin.
window-demo-gone-other-port = Er zeigt auf den Demo-Speicher auf Port { $port }, wo dieser nicht mehr läuft.
window-demo-gone-somewhere = Er zeigt auf einen Demo-Speicher, der dort nicht mehr läuft.
window-demo-gone-other-keys = Der Demo-Speicher hat neue Schlüssel, seit dieser Link erstellt wurde, und lehnt ihn daher ab.
window-demo-gone-before-restart = Er wurde erstellt, bevor der Demo-Speicher neu beginnen musste.

window-clock-behind = Die Uhr Ihres Computers geht { $how_far } nach gegenüber der des Speicherdienstes. Links werden mit der Zeit des Dienstes signiert und funktionieren daher wie angezeigt. Stellen Sie in Ihren Systemeinstellungen Datum und Uhrzeit auf automatisch.
window-clock-ahead = Die Uhr Ihres Computers geht { $how_far } vor gegenüber der des Speicherdienstes. Links werden mit der Zeit des Dienstes signiert und funktionieren daher wie angezeigt. Stellen Sie in Ihren Systemeinstellungen Datum und Uhrzeit auf automatisch.

window-session-end-not-a-date = „{ $text }“ ist kein Datum mit Uhrzeit; schreiben Sie es etwa als 2026-11-28 14:30 (Ortszeit) oder 2026-11-28T13:30:00Z
window-session-end-skipped = „{ $text }“ gibt es in der Ortszeit nicht (die Uhren überspringen diese Zeit); geben Sie eine andere Zeit an
