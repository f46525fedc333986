email-here-are = Voici { $files } :
email-works-until = Lien valable jusqu’au { $time }
email-subject-one = Fichier partagé : { $name }
email-subject-two = Fichiers partagés : { $first } et { $second }
email-subject-more = Fichiers partagés : { $first } et { $count } autres
email-subject-none = Fichiers partagés
