# Der Verlauf der geteilten Links.

history-button = Verlauf ({ $count ->
    [one] { $count } Link
   *[other] { $count } Links
})
history-back = ← Zurück zu den Dateien
history-heading = Geteilte Links
history-revoke-text = Ein einfacher Link funktioniert, bis er abläuft: Er kann nicht vorzeitig zurückgenommen werden. Um ihn früher zu beenden, verschieben, benennen Sie die Datei um oder löschen Sie sie, oder deaktivieren Sie den Zugriffsschlüssel, der ihn signiert hat (das beendet jeden damit signierten Link). Links auf eine Kopie („Eine Kopie teilen, die ich zurücknehmen kann“) lassen sich beenden: „Freigabe beenden“ löscht die Kopie. Eine Zeile hier zu löschen, entfernt sie nur aus dieser Liste.
history-search = Verlauf durchsuchen
history-search-hint = Name, Bucket, Verbindung…
history-search-clear = Suche leeren
history-sort = Sortieren
history-sort-made-newest = Neueste zuerst
history-sort-made-oldest = Älteste zuerst
history-sort-ends-soonest = Bald endende zuerst
history-sort-ends-latest = Spät endende zuerst
history-only-working = Nur noch gültige Links
history-only-working-hover = Blendet Links aus, die abgelaufen sind oder zurückgenommen wurden
history-keep-links = Die Links selbst aufbewahren
history-keep-links-hover = Wenn aus, wird nur aufbewahrt, was wann und bis wann geteilt wurde – nicht die funktionierenden Links (wer Ihre Dateien lesen kann, könnte sie verwenden).
history-cancel = Abbrechen
history-clear = Verlauf leeren
history-clear-question = Alle Zeilen entfernen? Bereits gesendete Links funktionieren weiter.
history-clear-all = Alle löschen…
history-empty = Noch keine Links. Links, die Sie kopieren, werden hier aufgeführt.
history-none-working = Kein Link funktioniert mehr.
history-none-working-matches = Kein gültiger Link passt zu „{ $search }“.
history-none-matches = Kein Link passt zu „{ $search }“.

history-remove-copies-working = Aus dem Verlauf entfernen, mit seinen Kopien (die Links funktionieren weiter)
history-remove-working = Aus dem Verlauf entfernen (der Link funktioniert weiter)
history-remove-copies = Aus dem Verlauf entfernen, mit seinen Kopien
history-remove = Aus dem Verlauf entfernen
history-stop-sharing = Freigabe beenden
history-stop-sharing-hover = Freigabe beenden: { $effect }.
history-stopping-another = Ein anderer Link wird beendet…
history-stop-other-connection = Erstellt mit „{ $connection }“: Öffnen Sie diese Verbindung, um die Freigabe zu beenden.
history-copy-again = Erneut kopieren
history-copy-again-hover = Kopiert denselben Link; er funktioniert noch
history-make-new = Neuen Link erstellen
history-make-new-hover = Kopiert einen neuen Link auf dieselbe Datei, der so lange gilt wie dieser
history-make-new-other-connection = Erstellt mit „{ $connection }“: Öffnen Sie diese Verbindung, um einen neuen Link zu erstellen.
history-ended-demo-restarted = beendet – Demo-Speicher neu gestartet

history-downloads-as = wird heruntergeladen als { $name }
history-downloads = wird heruntergeladen
history-opens-in-browser = öffnet sich im Browser
history-made = erstellt { $time }
history-works-until = gültig bis { $time }
history-would-have-worked-until = wäre gültig gewesen bis { $time }
history-ended-at = beendet { $time }
history-copied-times = { $count ->
    [one] { $count }-mal kopiert
   *[other] { $count }-mal kopiert
}
history-same-copies = { $text } · { $count ->
    [one] { $count } Kopie
   *[other] { $count } Kopien
}

history-too-busy-update = Das Fenster ist zu beschäftigt, um den Verlauf zu aktualisieren. Versuchen Sie es noch einmal.
history-too-busy-stop = Das Fenster ist zu beschäftigt, um die Freigabe zu beenden. Versuchen Sie es noch einmal.
history-stopped-sharing = Freigabe von { $name } beendet: { $effect }.
history-copied-again = Link erneut kopiert

history-state-active = aktiv
history-state-ended = beendet
history-state-taken-back = zurückgenommen
history-state-active-until = aktiv, gültig bis { $time }
history-page-label = Seite · { $count ->
    [one] { $shown } Datei
   *[other] { $shown } Dateien
}
history-mode-page = ein Link auf eine Seite im Bucket, die die Dateien auflistet
history-mode-request = ein Link auf eine Seite im Bucket, die Uploads annimmt
history-mode-protected = ein Link auf eine Seite, die nach dem Passwort fragt
history-mode-copy = ein Link auf die Kopie der Datei von s3share
history-effect-copy = die Kopie von s3share wird gelöscht und ihr Link funktioniert sofort nicht mehr (Ihre eigene Datei bleibt unberührt)
history-effect-protected = die verschlüsselte Datei und ihre Seite werden gelöscht und der Link funktioniert sofort nicht mehr
history-effect-page = die Seite wird gelöscht und ihr Link funktioniert sofort nicht mehr, aber wer die Seite bereits geöffnet hat, behält die dort gezeigten Dateilinks, bis sie enden ({ $ends })
history-effect-request = die Seite wird gelöscht und ihr Link funktioniert sofort nicht mehr, aber ein Browser, der sie noch geöffnet hat, kann Dateien senden, bis das Formular endet ({ $ends }); bereits empfangene Dateien bleiben erhalten

