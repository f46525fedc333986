# L'historique des liens partagés.

history-button = Historique ({ $count ->
    [one] { $count } lien
   *[other] { $count } liens
})
history-back = ← Retour aux fichiers
history-heading = Liens partagés
history-revoke-text = Un simple lien fonctionne jusqu'à son expiration : il ne peut pas être retiré plus tôt. Pour l'arrêter avant, déplacez, renommez ou supprimez le fichier, ou désactivez la clé d'accès qui l'a signé (cela arrête tous les liens qu'elle a signés). Les liens vers une copie (« Partager une copie que je peux retirer ») le peuvent : « Arrêter le partage » supprime la copie. Supprimer une ligne ici la retire seulement de cette liste.
history-search = Rechercher dans l'historique
history-search-hint = Nom, bucket, connexion…
history-search-clear = Effacer la recherche
history-sort = Trier
history-sort-made-newest = Plus récents d'abord
history-sort-made-oldest = Plus anciens d'abord
history-sort-ends-soonest = Fin la plus proche d'abord
history-sort-ends-latest = Fin la plus lointaine d'abord
history-only-working = Seulement les liens valides
history-only-working-hover = Masque les liens qui ont pris fin ou ont été retirés
history-keep-links = Conserver les liens eux-mêmes
history-keep-links-hover = Si désactivé, seuls ce qui a été partagé, quand et jusqu'à quand sont conservés — pas les liens valides (toute personne pouvant lire vos fichiers pourrait les utiliser).
history-cancel = Annuler
history-clear = Effacer l'historique
history-clear-question = Supprimer toutes les lignes ? Les liens déjà envoyés continuent de fonctionner.
history-clear-all = Tout effacer…
history-empty = Aucun lien pour l'instant. Les liens que vous copiez apparaissent ici.
history-none-working = Plus aucun lien ne fonctionne.
history-none-working-matches = Aucun lien valide ne correspond à « { $search } ».
history-none-matches = Aucun lien ne correspond à « { $search } ».

history-remove-copies-working = Retirer de l'historique, avec ses copies (les liens continuent de fonctionner)
history-remove-working = Retirer de l'historique (le lien continue de fonctionner)
history-remove-copies = Retirer de l'historique, avec ses copies
history-remove = Retirer de l'historique
history-stop-sharing = Arrêter le partage
history-stop-sharing-hover = Arrêter le partage : { $effect }.
history-stopping-another = Arrêt d'un autre lien en cours…
history-stop-other-connection = Créé avec « { $connection } » : ouvrez cette connexion pour arrêter son partage.
history-copy-again = Copier à nouveau
history-copy-again-hover = Copie le même lien ; il fonctionne encore
history-make-new = Créer un nouveau lien
history-make-new-hover = Copie un nouveau lien vers le même fichier, valable aussi longtemps que celui-ci
history-make-new-other-connection = Créé avec « { $connection } » : ouvrez cette connexion pour créer un nouveau lien.
history-ended-demo-restarted = terminé — stockage de démo redémarré

history-downloads-as = se télécharge sous { $name }
history-downloads = se télécharge
history-opens-in-browser = s'ouvre dans le navigateur
history-made = créé le { $time }
history-works-until = valable jusqu'au { $time }
history-would-have-worked-until = aurait été valable jusqu'au { $time }
history-ended-at = terminé le { $time }
history-copied-times = copié { $count ->
    [one] { $count } fois
   *[other] { $count } fois
}
history-same-copies = { $text } · { $count ->
    [one] { $count } copie
   *[other] { $count } copies
}

history-too-busy-update = La fenêtre est trop occupée pour mettre à jour l'historique. Réessayez.
history-too-busy-stop = La fenêtre est trop occupée pour arrêter le partage. Réessayez.
history-stopped-sharing = Partage de { $name } arrêté : { $effect }.
history-copied-again = Lien copié à nouveau

history-state-active = actif
history-state-ended = terminé
history-state-taken-back = retiré
history-state-active-until = actif, valable jusqu'au { $time }
history-page-label = page · { $count ->
    [one] { $shown } fichier
   *[other] { $shown } fichiers
}
history-mode-page = un lien vers une page du bucket qui liste les fichiers
history-mode-request = un lien vers une page du bucket qui accepte des envois
history-mode-protected = un lien vers une page qui demande le mot de passe
history-mode-copy = un lien vers la copie du fichier faite par s3share
history-effect-copy = la copie de s3share est supprimée et son lien cesse aussitôt de fonctionner (votre propre fichier n'est pas touché)
history-effect-protected = le fichier chiffré et sa page sont supprimés et le lien cesse aussitôt de fonctionner
history-effect-page = la page est supprimée et son lien cesse aussitôt de fonctionner, mais toute personne ayant déjà ouvert la page garde les liens de fichiers qu'elle affichait jusqu'à leur fin ({ $ends })
history-effect-request = la page est supprimée et son lien cesse aussitôt de fonctionner, mais un navigateur qui l'a encore ouverte peut envoyer des fichiers jusqu'à la fin du formulaire ({ $ends }) ; les fichiers déjà reçus restent

