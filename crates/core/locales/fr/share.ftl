share-hint-select = Sélectionnez un fichier pour le partager.
share-hint-then = Choisissez ensuite la durée de validité du lien et cliquez sur Copier le lien.
share-hint-several = Ctrl+clic ou Maj+clic pour partager plusieurs fichiers à la fois.
share-folder-or-page = Ou partagez tout le contenu de « { $folder } » en un seul lien
share-folder-or-page-detail = Chaque fichier qu’il contient, sous-dossiers compris, sur une seule page.
share-folder-kind = Dossier · partagez chaque fichier qu’il contient, sous-dossiers compris, en un seul lien

share-page-button = Partager en un seul lien
share-page-hover-files = Copie un lien vers une page qui liste les { $files }, chacun avec son propre lien de téléchargement ; la page et ses liens sont valables pendant la durée choisie ci-dessus
share-page-hover-folder = Copie un lien vers une page qui liste chaque fichier de ce dossier et de ses sous-dossiers, chacun avec son propre lien de téléchargement ; la page et ses liens sont valables pendant la durée choisie ci-dessus
share-page-kept = La page est conservée dans le bucket (dans .s3share/) jusqu’à la fin de ses liens, puis supprimée.
share-page-off = Partager en un seul lien est indisponible : { $why }
share-page-making = Création de la page…
share-page-link = Lien de la page
share-page-copied = ✔ Copié — page avec { $files }, valable jusqu’au { $until }
share-page-ended = La page avec { $files } a expiré : elle était valable jusqu’au { $time }. Partagez de nouveau en un seul lien pour en obtenir une nouvelle.

share-sooner = Plus tôt que demandé : la connexion temporaire qui l’a signé se termine à ce moment-là.
share-modified = Modifié le { $time }

share-expiry-heading = Lien valable pendant
share-custom = Autre…
share-custom-hover = Toute durée de 1 seconde à 7 jours
share-custom-length = Durée personnalisée
share-unit-minutes = { $count ->
    [one] minute
   *[other] minutes
}
share-unit-hours = { $count ->
    [one] heure
   *[other] heures
}
share-unit-days = { $count ->
    [one] jour
   *[other] jours
}
share-max-length = Les liens sont valables au plus { $length } (une limite des signatures S3).
share-expiry-empty = Indiquez combien de temps le lien doit rester valable, par exemple 3 jours.
share-expiry-not-number = « { $text } » n’est pas un nombre entier. Tapez par exemple 3 et choisissez jours.

share-mode-heading = À l’ouverture du lien
share-open-in-browser = Ouvrir dans le navigateur
share-open-in-browser-hover = Les images, PDF et textes s’affichent dans le navigateur ; les autres fichiers se téléchargent
share-download = Télécharger
share-each-own-name = Chaque fichier se télécharge sous son propre nom.
share-save-as = Enregistrer sous

share-take-back = Partager une copie que je peux retirer
share-take-back-hover = Un simple lien ne peut pas être retiré. Avec cette option, le fichier est copié dans le bucket (dans .s3share/shares/ à côté) et c’est la copie qui est partagée : « Arrêter le partage » dans l’historique la supprime et le lien cesse aussitôt de fonctionner. La copie est supprimée à la fin du lien.
share-copy-cost = Conserve une seconde copie ({ $size }) jusqu’à la fin du lien

share-copy-link = Copier le lien
share-copy-links = Copier les liens
share-copy-link-hover = Copie un lien valable pendant la durée choisie ci-dessus (Ctrl+Maj+C)
share-copy-links-hover = Copie un lien par fichier, un par ligne, valable pendant la durée choisie ci-dessus (Ctrl+Maj+C)
share-copy-for-email = ✉ Copier pour un e-mail
share-copy-for-email-hover = Copie un message prêt à coller : le nom du fichier comme lien cliquable, sa taille et sa date de fin de validité (aussi en texte brut, pour les éditeurs simples)
share-email = E-mail…
share-email-hover = Ouvre un nouveau message dans votre logiciel de messagerie, avec le lien
share-qr = Code QR
share-qr-hover = Affiche le lien sous forme de code QR, pour l’ouvrir sur un téléphone
share-password = Avec un mot de passe…
share-password-hover = Chiffre le fichier ici et partage une page qui ne l’ouvre qu’avec un mot de passe que vous choisissez
share-copy-off = Copier le lien est indisponible : { $why }
share-making-link = Création du lien…
share-making-links = Création des liens…
share-select-first = Sélectionnez d’abord un fichier.
share-sign-in-ended = Votre connexion temporaire a pris fin le { $time } : les liens créés avec elle ne fonctionnent plus.
share-sign-in-temporary = Ces clés sont temporaires : les liens cessent de fonctionner à la fin de votre connexion, le { $until }.
share-refresh-folder = Actualiser le dossier
share-busy = La fenêtre est trop occupée ; réessayez.

share-made-mail = ✔ Lien créé — valable jusqu’au { $until }
share-made-mail-opened = ✔ Ouvert dans votre messagerie — valable jusqu’au { $until }
share-made-qr = ✔ Code QR prêt — valable jusqu’au { $until }
share-made-for-email = ✔ Copié pour un e-mail — collez-le dans un message. Valable jusqu’au { $until }
share-made-one = ✔ Copié — valable jusqu’au { $until }
share-made-many = ✔ { $count ->
    [one] { $count } lien copié
   *[other] { $count } liens copiés
} — valables jusqu’au { $until }
share-links-ended = { $count ->
    [one] Ce lien a expiré : il était valable jusqu’au { $time }. Copier le lien en crée un nouveau.
   *[other] Ces { $count } liens ont expiré : ils étaient valables jusqu’au { $time }. Copier les liens en crée de nouveaux.
}
share-links-to-copy = Il pointe vers une copie : Historique → Arrêter le partage la supprime, et le lien cesse aussitôt de fonctionner.
share-opening-mail = Ouverture de votre messagerie…
share-long-link = ⚠ Ce lien fait { $length } caractères. Certains systèmes de messagerie coupent les lignes de plus de { $max } caractères, il peut donc arriver cassé : testez-le depuis le message envoyé. Les connexions temporaires produisent des liens aussi longs ; une connexion avec des clés d’accès permanentes donne des liens courts.
share-link = Lien
share-test-link = Tester le lien
share-test-link-hover = Ouvre le lien comme le fera le navigateur du destinataire
share-test-works = ✔ fonctionne

share-copied-toast = Lien copié — valable jusqu’au { $until }
share-links-copied-toast = { $count ->
    [one] { $count } lien copié
   *[other] { $count } liens copiés
}, en un seul message
share-copied-for-email-toast = Copié pour un e-mail — collez-le dans un message
share-plain-only = Copié en texte brut uniquement : le presse-papiers de ce bureau n’a pas accepté la version mise en forme.
share-mail-busy = La fenêtre était trop occupée pour lancer votre messagerie, le message est donc dans le presse-papiers : créez un nouvel e-mail et collez-le.
share-no-mail-program = Aucun logiciel de messagerie ne s’est ouvert, le message est donc dans le presse-papiers : créez un nouvel e-mail et collez-le.
share-mail-too-long = Le message est trop long pour être transmis directement à un logiciel de messagerie (ils acceptent environ { $max } caractères), il est donc dans le presse-papiers : créez un nouvel e-mail et collez-le.

share-qr-alt = Code QR du lien vers { $name }
share-qr-point = Pointez l’appareil photo d’un téléphone dessus pour ouvrir le lien.
share-qr-too-long = Ce lien est trop long pour un code QR ({ $length } caractères). Envoyez-le plutôt par e-mail.
share-phone-warning = ⚠ Ce lien pointe vers cet ordinateur : un téléphone (ou toute autre personne) ne peut pas l’ouvrir. Les liens vers le stockage de démonstration ne fonctionnent que sur cet ordinateur ; pour ouvrir un fichier sur un téléphone, partagez-le depuis un vrai stockage.

share-several-selected = { $count ->
    [one] { $count } fichier sélectionné
   *[other] { $count } fichiers sélectionnés
}
share-several-total = { $size } au total · un message avec un lien pour chacun
share-several-more = et { $count } de plus

share-until-ended = { $time } (expiré)
share-expires-in = expire dans { $left }
share-expired = expiré
share-left-seconds = { $count } s
share-left-minutes = { $count } min
share-left-hours = { $count } h

share-warning-session-short = peut s’arrêter plus tôt : clés temporaires de fin inconnue
share-warning-session = Ce lien a été signé avec des clés temporaires (un jeton de session) dont la fin est inconnue : il peut donc cesser de fonctionner avant l’heure indiquée, à la fin de cette session. Testez-le avant de l’envoyer, ou signez avec des clés permanentes ou des clés dont la fin est connue (indiquez à la connexion l’heure de fin de la session).

share-check-timeout = Le service de stockage n’a pas répondu à temps. Réessayez dans une minute.
share-check-unreachable = Impossible de joindre le service de stockage depuis cet ordinateur. Vérifiez la connexion Internet.
share-check-expired = Le lien a expiré. Copiez-en un nouveau.
share-check-no-file = Le fichier n’existe plus. Actualisez le dossier.
share-check-no-bucket = Le bucket n’existe plus.
share-check-signature = Le service de stockage n’accepte pas la signature du lien. Le lien a-t-il été modifié lors du collage ?
share-check-keys = Les clés qui ont signé le lien ne sont plus valables. Reconnectez-vous et copiez un nouveau lien.
share-check-denied = Accès refusé : les clés qui ont signé le lien ne peuvent pas lire ce fichier.
share-check-status = Le service de stockage a répondu HTTP { $status }.
share-check-refused = Le service de stockage a refusé le lien (HTTP { $status }, { $code }).

share-preview-loading = Chargement de l’aperçu…
share-preview-alt = Aperçu de { $name }
share-preview-picture = Image · { $width } × { $height } pixels
share-preview-pdf-pages = { $count ->
    [one] PDF · { $count } page
   *[other] PDF · { $count } pages
}
share-preview-pdf-too-big = PDF · nombre de pages inconnu : seuls les PDF jusqu’à { $size } sont lus pour compter leurs pages
share-preview-pdf-protected = PDF · protégé par un mot de passe
share-preview-pdf-unknown = PDF · nombre de pages inconnu
share-preview-failed = Pas d’aperçu : { $reason }
share-preview-kind = Pas d’aperçu pour ce type de fichier
share-preview-too-big = Trop volumineux pour un aperçu ({ $size })
share-preview-empty = Le fichier est vide
share-preview-changed = Pas d’aperçu : le fichier a changé depuis l’affichage du dossier. Actualisez le dossier.
share-preview-too-many-pixels = Trop de pixels pour un aperçu
share-preview-too-many-pixels-sized = Trop de pixels pour un aperçu ({ $width } × { $height })
share-preview-unreadable-picture = Pas d’aperçu : le fichier n’a pas pu être lu comme une image
share-preview-unreadable-text = Pas d’aperçu : le fichier n’a pas pu être lu comme du texte
share-preview-unreadable-pdf = Pas d’aperçu : le fichier n’a pas pu être lu comme un PDF
