# Le cadre de la fenêtre principale : barre du haut, menu Affichage, bandeau de démo,
# barre d'état, fermeture après une copie, ouverture ; thèmes, horloge, fin de session.

window-copy-select-first = Sélectionnez d'abord un fichier, puis appuyez sur Ctrl+Maj+C.
window-filter = Filtre
window-filter-hint = Filtrer… (Ctrl+F)
window-filter-clear = Effacer le filtre
window-view-menu = Affichage
window-show-own-files = Afficher les fichiers de s3share
window-show-own-files-hover = Les dossiers .s3share où s3share conserve les copies et les pages partagées (ils sont supprimés quand leurs liens prennent fin)
window-refresh = ⟳ Actualiser
window-refresh-hover = Lister à nouveau ce dossier
window-theme = Thème
window-theme-system = Comme le système
window-theme-light = Clair
window-theme-dark = Sombre
window-demo-banner = Stockage de démo sur cet ordinateur — les liens ne fonctionnent qu'ici.
window-demo-banner-hover = Les fichiers de démo se trouvent dans un dossier de cet ordinateur ; les liens ne s'ouvrent qu'ici, tant que S3 Share est ouvert.
window-demo-add-account = Ajouter votre compte S3 →

window-too-busy-list = La fenêtre est trop occupée pour lister ce dossier. Réessayez.
window-request-files = Demander des fichiers…
window-request-files-hover = Créer une page par laquelle n'importe qui peut vous envoyer des fichiers dans ce dossier
window-history-hover = Les liens que vous avez partagés, et jusqu'à quand ils fonctionnent
window-keys-hint = Flèches : sélectionner · Entrée : ouvrir un dossier · Retour arrière : remonter · Ctrl+Maj+C : copier un lien

window-close-title = Coller le lien avant de fermer ?
window-close-text = Ce que vous venez de copier ne reste dans le presse-papiers que tant que S3 Share est ouvert, sauf si vous utilisez un gestionnaire de presse-papiers. Collez-le d'abord, ou fermez quand même.
window-close-keep-open = Garder S3 Share ouvert
window-close-anyway = Fermer quand même

window-could-not-open = s3share : la fenêtre n'a pas pu s'ouvrir : { $reason }. La ligne de commande fonctionne toujours : voir `s3share --help`.

window-demo-started-afresh = Le stockage de démo a dû repartir de zéro : les liens que vous avez créés avec lui auparavant ne fonctionnent plus.
window-demo-last-time-gone = Les liens que vous avez créés avec le stockage de démo la dernière fois ne fonctionnent plus.
window-demo-session-only = Les liens créés avec le stockage de démo cesseront de fonctionner à la fermeture de S3 Share.
window-demo-no-keyring = Aucun trousseau n'a conservé les clés du stockage de démo cette fois : elles ne durent que tant que S3 Share est ouvert.
window-demo-port-taken = Un autre programme utilise le port { $port }, vers lequel pointent ces liens. Une fois qu'il sera libre, ils fonctionneront à nouveau après le prochain démarrage de S3 Share.
window-demo-keys-gone = Le trousseau ne contient plus les clés du stockage de démo, il en a donc de nouvelles.
window-demo-keyring-unreadable = Le trousseau n'a pas pu être lu : le stockage de démo utilise de nouvelles clés jusqu'au prochain démarrage de S3 Share.
window-demo-earlier-keys-not-kept = La dernière fois, aucun trousseau n'a conservé les clés du stockage de démo : ces liens ont pris fin à la fermeture de S3 Share.
window-demo-earlier-fallback-port = La dernière fois, le stockage de démo fonctionnait sur le port { $port }, car son port habituel était occupé ; les liens créés alors pointent vers celui-ci.
window-demo-gone-other-port = Il pointe vers le stockage de démo sur le port { $port }, où celui-ci ne fonctionne plus.
window-demo-gone-somewhere = Il pointe vers un stockage de démo qui ne fonctionne plus à cet endroit.
window-demo-gone-other-keys = Le stockage de démo a de nouvelles clés depuis la création de ce lien : il le refuse donc.
window-demo-gone-before-restart = Il a été créé avant que le stockage de démo ne doive repartir de zéro.

window-clock-behind = L'horloge de votre ordinateur retarde de { $how_far } sur celle du service de stockage ; les liens sont signés avec l'heure du service, ils fonctionnent donc comme indiqué. Réglez la date et l'heure automatiquement dans les paramètres de votre système.
window-clock-ahead = L'horloge de votre ordinateur avance de { $how_far } sur celle du service de stockage ; les liens sont signés avec l'heure du service, ils fonctionnent donc comme indiqué. Réglez la date et l'heure automatiquement dans les paramètres de votre système.

window-session-end-not-a-date = « { $text } » n'est pas une date et une heure ; écrivez-la comme 2026-11-28 14:30 (heure locale) ou 2026-11-28T13:30:00Z
window-session-end-skipped = « { $text } » n'existe pas en heure locale (les horloges sautent cette heure) ; indiquez une autre heure
