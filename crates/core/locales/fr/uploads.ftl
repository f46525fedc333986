# Uploads (crates/gui/src/app_uploads.rs, uploads/) and the folder table (browser/table.rs).

uploads-nothing-skipped = Rien à envoyer. { $skipped }
uploads-nothing-readable = Rien à envoyer : ce qui a été déposé ne contient aucun fichier lisible.
uploads-no-desktop-chooser = Ce bureau n’a pas de sélecteur de fichiers, s3share affiche donc le sien. Vous pouvez aussi déposer des fichiers sur cette fenêtre.
uploads-no-link = Envoyé, mais aucun lien n’a été créé : { $reason }
uploads-one-link-copied = Envoyé — { $copied }.{ $warning }
uploads-links-copied = { $count ->
    [one] { $count } lien copié.{ $warning }
   *[other] { $count } liens copiés.{ $warning }
}
uploads-open-bucket-then-drop = Ouvrez d’abord un bucket, puis déposez les fichiers là où ils doivent aller.
uploads-busy = Occupé — réessayez l’envoi dans un instant.
uploads-busy-choose = Occupé — réessayez « Envoyer des fichiers… » dans un instant.
uploads-target-bucket = le bucket « { $bucket } »
uploads-target-none = — ouvrez d’abord un bucket
uploads-close-title = Des envois sont en cours
uploads-close-body = Fermer maintenant les arrête ; les fichiers non terminés ne seront pas dans le bucket.
uploads-close-keep = Continuer l’envoi
uploads-close-stop = Arrêter les envois et fermer
uploads-menu = ⬆ Envoyer
uploads-choosing = Choix des fichiers…
uploads-choose = Envoyer des fichiers…
uploads-choose-hint = Ou déposez des fichiers et des dossiers sur la fenêtre
uploads-drop-hint = …ou déposez des fichiers sur cette fenêtre
uploads-request-file = Demander un fichier…
uploads-request-file-hint = Créer un lien avec lequel quelqu’un peut vous envoyer un fichier
uploads-request-files = Demander des fichiers…
uploads-request-files-hint = Créer une page par laquelle chacun peut vous envoyer des fichiers
uploads-copy-after = Après l’envoi, copier le lien
uploads-open-bucket-first = Ouvrez d’abord un bucket
uploads-skipped-one = « { $name } » ({ $reason })
uploads-skipped-more = et { $count } de plus
uploads-skipped = { $count ->
    [one] { $count } élément ignoré : { $items }.
   *[other] { $count } éléments ignorés : { $items }.
}
uploads-skip-symlink = un lien symbolique (les liens ne sont pas suivis)
uploads-skip-not-file = pas un fichier ordinaire
uploads-skip-unreadable = illisible : { $reason }
uploads-skip-name-not-text = son nom n’est pas un texte valide ; renommez-le et envoyez-le à nouveau

uploads-summary = Envois : { $done } sur { $total }
uploads-summary-speed = { " " }· { $speed }/s · encore { $left }
uploads-summary-failed = { " " }· { $count } en échec
uploads-hide = Masquer
uploads-show = Afficher
uploads-copy-links = { $count ->
    [one] Copier le lien du fichier envoyé
   *[other] Copier les liens des { $count } fichiers envoyés
}
uploads-clear = Effacer les terminés
uploads-clash-title = Ce fichier existe déjà
uploads-clash-body = « { $name } » est déjà dans { $folder }. Que faire ?
uploads-replace = Remplacer
uploads-keep-both = Garder les deux
uploads-keep-both-hint = « (1) » est ajouté au nom du nouveau fichier
uploads-skip = Ignorer
uploads-apply-all = Faire de même pour tous les fichiers de cet envoi
uploads-waiting = en attente
uploads-speed-left = { $speed }/s · encore { $left }
uploads-skipped-there = ignoré (déjà présent)
uploads-cancelled = annulé
uploads-failed = échec
uploads-cancel = Annuler
uploads-retry = Réessayer
uploads-top-of-bucket = la racine du bucket « { $bucket } »
uploads-drop-to = Déposez pour envoyer vers { $target }

uploads-chooser-title = Envoyer des fichiers
uploads-chooser-open = Envoyer
uploads-chooser-file-name = Nom du fichier :
uploads-chooser-hidden = Afficher les fichiers cachés
uploads-chooser-refresh = Relire ce dossier
uploads-chooser-up = Dossier parent
uploads-chooser-cancel = Annuler

uploads-request-title = Demander un fichier
uploads-request-intro = Créez un lien avec lequel quelqu’un peut vous envoyer un fichier dans { $folder }.
uploads-request-name = Nom du fichier
uploads-request-works-for = Lien valable
uploads-request-hour = 1 heure
uploads-request-day = 1 jour
uploads-request-week = 7 jours
uploads-request-make = Créer le lien d’envoi
uploads-request-no-slash = Un nom de fichier ne peut pas contenir /.
uploads-request-taken = Un fichier nommé « { $name } » est déjà dans ce dossier. L’envoi le remplacerait.
uploads-request-use = Utiliser « { $name } »
uploads-request-replace = Le remplacer
uploads-request-ready = Toute personne disposant de ce lien peut envoyer un fichier, enregistré sous « { $name } », jusqu’au { $until }. Elle l’envoie par une requête HTTP PUT avec { $count ->
        [one] l’en-tête
       *[other] les en-têtes
    } { $headers }, par exemple avec cette commande :
uploads-request-command = Commande :
uploads-request-copy-command = Copier la commande
uploads-request-copy-link = Copier le lien seul

table-buckets = Buckets
table-loading-buckets = Chargement des buckets…
table-try-again = Réessayer
table-no-buckets = Aucun bucket pour l’instant. Créez-en un dans la console de votre fournisseur de stockage, puis actualisez.
table-refresh = Actualiser
table-open-bucket = Ouvrir le bucket { $name }
table-go-to = Aller à { $name }
table-pick-bucket = Choisissez un bucket à gauche pour voir ses fichiers.
table-loading = Chargement…
table-empty-folder = Ce dossier est vide — déposez des fichiers sur cette fenêtre pour les envoyer ici.
table-filtering = Filtrage…
table-no-match = Rien dans ce dossier ne correspond à « { $filter } ».
table-name = Nom
table-size = Taille
table-modified = Modifié
table-name-in-sentence = nom
table-size-in-sentence = taille
table-modified-in-sentence = date de modification
table-sort-by = Trier par { $column }
table-sorted-ascending = Trié par { $column } (croissant) ; cliquez pour inverser
table-sorted-descending = Trié par { $column } (décroissant) ; cliquez pour inverser
