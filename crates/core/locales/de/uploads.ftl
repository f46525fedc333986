# Uploads (crates/gui/src/app_uploads.rs, uploads/) and the folder table (browser/table.rs).

uploads-nothing-skipped = Nichts hochzuladen. { $skipped }
uploads-nothing-readable = Nichts hochzuladen: Das Abgelegte enthält keine lesbaren Dateien.
uploads-no-desktop-chooser = Dieser Desktop hat keinen Dateiauswahldialog, daher zeigt s3share einen eigenen. Sie können Dateien auch auf dieses Fenster ziehen.
uploads-no-link = Hochgeladen, aber es wurde kein Link erstellt: { $reason }
uploads-one-link-copied = Hochgeladen – { $copied }.{ $warning }
uploads-links-copied = { $count ->
    [one] { $count } Link kopiert.{ $warning }
   *[other] { $count } Links kopiert.{ $warning }
}
uploads-open-bucket-then-drop = Öffnen Sie zuerst einen Bucket und ziehen Sie die Dateien dann dorthin, wo sie hin sollen.
uploads-busy = Beschäftigt – versuchen Sie das Hochladen gleich noch einmal.
uploads-busy-choose = Beschäftigt – versuchen Sie „Dateien hochladen…“ gleich noch einmal.
uploads-target-bucket = Bucket „{ $bucket }“
uploads-target-none = – öffnen Sie zuerst einen Bucket
uploads-close-title = Es laufen noch Uploads
uploads-close-body = Wenn Sie jetzt schließen, werden sie abgebrochen; nicht fertige Dateien sind dann nicht im Bucket.
uploads-close-keep = Weiter hochladen
uploads-close-stop = Uploads abbrechen und schließen
uploads-menu = ⬆ Hochladen
uploads-choosing = Dateien werden ausgewählt…
uploads-choose = Dateien hochladen…
uploads-choose-hint = Oder Dateien und Ordner auf das Fenster ziehen
uploads-drop-hint = …oder Dateien auf dieses Fenster ziehen
uploads-request-file = Datei anfordern…
uploads-request-file-hint = Einen Link erstellen, über den Ihnen jemand eine Datei senden kann
uploads-request-files = Dateien anfordern…
uploads-request-files-hint = Eine Seite erstellen, über die Ihnen jeder Dateien senden kann
uploads-copy-after = Nach dem Hochladen den Link kopieren
uploads-open-bucket-first = Öffnen Sie zuerst einen Bucket
uploads-skipped-one = „{ $name }“ ({ $reason })
uploads-skipped-more = und { $count } weitere
uploads-skipped = { $count ->
    [one] { $count } Element übersprungen: { $items }.
   *[other] { $count } Elemente übersprungen: { $items }.
}
uploads-skip-symlink = ein symbolischer Link (Links werden nicht verfolgt)
uploads-skip-not-file = keine normale Datei
uploads-skip-unreadable = konnte nicht gelesen werden: { $reason }
uploads-skip-name-not-text = der Name ist kein gültiger Text; benennen Sie die Datei um und laden Sie sie erneut hoch

uploads-summary = Uploads: { $done } von { $total }
uploads-summary-speed = { " " }· { $speed }/s · noch { $left }
uploads-summary-failed = { " " }· { $count } fehlgeschlagen
uploads-hide = Ausblenden
uploads-show = Anzeigen
uploads-copy-links = { $count ->
    [one] Link zur hochgeladenen Datei kopieren
   *[other] Links zu den { $count } hochgeladenen Dateien kopieren
}
uploads-clear = Fertige entfernen
uploads-clash-title = Datei ist schon vorhanden
uploads-clash-body = „{ $name }“ gibt es bereits in: { $folder }. Was soll geschehen?
uploads-replace = Ersetzen
uploads-keep-both = Beide behalten
uploads-keep-both-hint = An den Namen der neuen Datei wird „ (1)“ angehängt
uploads-skip = Überspringen
uploads-apply-all = Für alle Dateien dieses Uploads so verfahren
uploads-waiting = wartet
uploads-speed-left = { $speed }/s · noch { $left }
uploads-skipped-there = übersprungen (schon vorhanden)
uploads-cancelled = abgebrochen
uploads-failed = fehlgeschlagen
uploads-cancel = Abbrechen
uploads-retry = Wiederholen
uploads-top-of-bucket = Bucket „{ $bucket }“ (oberste Ebene)
uploads-drop-to = Zum Hochladen ablegen – Ziel: { $target }

uploads-chooser-title = Dateien hochladen
uploads-chooser-open = Hochladen
uploads-chooser-file-name = Dateiname:
uploads-chooser-hidden = Versteckte Dateien anzeigen
uploads-chooser-refresh = Diesen Ordner neu einlesen
uploads-chooser-up = Einen Ordner nach oben
uploads-chooser-cancel = Abbrechen

uploads-request-title = Datei anfordern
uploads-request-intro = Erstellen Sie einen Link, über den Ihnen jemand eine Datei senden kann. Ziel: { $folder }.
uploads-request-name = Dateiname
uploads-request-works-for = Link gilt für
uploads-request-hour = 1 Stunde
uploads-request-day = 1 Tag
uploads-request-week = 7 Tage
uploads-request-make = Upload-Link erstellen
uploads-request-no-slash = Ein Dateiname darf kein / enthalten.
uploads-request-taken = Eine Datei „{ $name }“ liegt bereits in diesem Ordner. Der Upload würde sie ersetzen.
uploads-request-use = „{ $name }“ verwenden
uploads-request-replace = Ersetzen
uploads-request-ready = Jeder mit diesem Link kann bis { $until } eine Datei hochladen, gespeichert als „{ $name }“. Gesendet wird sie mit einem HTTP-PUT und { $count ->
        [one] dem Header
       *[other] den Headern
    } { $headers }, zum Beispiel mit diesem Befehl:
uploads-request-command = Befehl:
uploads-request-copy-command = Befehl kopieren
uploads-request-copy-link = Nur Link kopieren

table-buckets = Buckets
table-loading-buckets = Buckets werden geladen…
table-try-again = Erneut versuchen
table-no-buckets = Noch keine Buckets. Legen Sie einen in der Konsole Ihres Speicheranbieters an und aktualisieren Sie dann.
table-refresh = Aktualisieren
table-open-bucket = Bucket { $name } öffnen
table-go-to = Zu { $name } wechseln
table-pick-bucket = Wählen Sie links einen Bucket, um seine Dateien zu sehen.
table-loading = Wird geladen…
table-empty-folder = Dieser Ordner ist leer – ziehen Sie Dateien auf dieses Fenster, um sie hierher hochzuladen.
table-filtering = Wird gefiltert…
table-no-match = Nichts in diesem Ordner passt zu „{ $filter }“.
table-name = Name
table-size = Größe
table-modified = Geändert
table-name-in-sentence = Name
table-size-in-sentence = Größe
table-modified-in-sentence = Änderungsdatum
table-sort-by = Nach { $column } sortieren
table-sorted-ascending = Nach { $column } sortiert (aufsteigend); klicken zum Umkehren
table-sorted-descending = Nach { $column } sortiert (absteigend); klicken zum Umkehren
