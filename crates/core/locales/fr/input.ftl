# What a person typed or chose, checked by the core (Error::InvalidInput): the fields'
# names and the reasons; the provider names; the plain-http warning.

input-field-destination = destination
input-field-file = fichier
input-field-files = fichiers
input-field-file-name = nom du fichier
input-field-part-size = taille des parties
input-field-jobs = transferts simultanés
input-field-location = emplacement
input-field-bucket = bucket
input-field-expiry = durée de validité
input-field-endpoint = point de terminaison
input-field-path-style = adressage par chemin
input-field-aws-profile = profil AWS
input-field-access-key-id = ID de clé d’accès
input-field-access-key-id-lower = ID de clé d’accès
input-field-secret-access-key = clé d’accès secrète
input-field-session-end = fin de session
input-field-password = mot de passe
input-field-max-size = taille maximale
input-field-folder = dossier
input-field-name = nom
input-field-account-id = ID de compte
input-field-provider = fournisseur
input-field-connections-file = fichier des connexions

input-destination-not-folder = « { $folder } » doit être un bucket ou un dossier se terminant par /
input-file-no-name = « { $path } » n’a pas de nom de fichier ou de dossier
input-part-size-too-small = { $size } est trop petit ; les parties doivent faire entre 5 Mio et 5 Gio (les limites de S3), par exemple 16MiB
input-part-size-too-large = { $size } est trop grand ; les parties doivent faire entre 5 Mio et 5 Gio (les limites de S3), par exemple 16MiB
input-part-size-bytes = { $count ->
    [one] { $count } octet
   *[other] { $count } octets
}
input-jobs-zero = au moins un transfert doit s’exécuter
input-location-no-scheme = « { $text } » doit commencer par s3:// (par exemple s3://mon-bucket/rapport.pdf)
input-location-bucket-only = « { $text } » désigne un bucket, pas un fichier ; ajoutez la clé du fichier (s3://{ $bucket }/fichier.pdf)
input-location-folder = « { $text } » désigne un dossier, pas un fichier
input-bucket-missing = le nom du bucket manque (s3://BUCKET/CLÉ)
input-bucket-length = « { $name } » doit compter de 3 à 63 caractères
input-bucket-character = « { $name } » contient « { $character } » ; les noms de bucket n’utilisent que des minuscules, des chiffres, des points et des tirets
input-bucket-ends = « { $name } » doit commencer et finir par une lettre ou un chiffre
input-bucket-two-dots = « { $name } » ne doit pas contenir deux points de suite
input-bucket-ip = « { $name } » ne doit pas ressembler à une adresse IP
input-expiry-too-short = un lien doit être valable au moins 1 seconde
input-expiry-too-long = { $duration }, c’est plus de 7 jours, la plus longue validité d’un lien pré-signé (S3 refuse les liens plus longs)
input-expiry-not-duration = « { $text } » n’est pas une durée ; utilisez par exemple 90s, 15m, 1h, 1d ou 7d
input-endpoint-not-custom = { $provider } a sa propre adresse ; un point de terminaison ne sert qu’à MinIO et aux autres services compatibles S3 (fournisseur custom)
input-path-style-not-custom = l’adressage par chemin ne sert qu’à MinIO et aux autres services compatibles S3 (fournisseur custom), pas à { $provider }
input-pick-profile = choisissez un profil (ils viennent de ~/.aws/config et ~/.aws/credentials)
input-type-key-id = saisissez l’ID de clé d’accès
input-type-secret = saisissez la clé d’accès secrète qui va avec cet ID de clé
input-session-end-no-token = seules les clés temporaires expirent : donnez aussi leur jeton de session, ou laissez la fin vide
input-session-end-passed = ce moment est passé, ces clés temporaires ne fonctionnent donc plus ; obtenez-en de nouvelles
input-page-too-many = { $shown } fichiers, c’est plus qu’une page ne peut en lister ({ $max }) ; partagez un dossier plus petit ou moins de fichiers
input-page-folder-not-file = « { $key } » est un dossier, pas un fichier
input-page-own-file = « { $key } » est l’un des fichiers propres à s3share (.s3share/), que les pages ne listent jamais
input-page-choose-file = choisissez au moins un fichier
input-page-one-bucket = tous les fichiers d’une page doivent être dans un seul bucket (« { $first } » et « { $other } »)
input-page-folder-alone = { $folder } est un dossier ; partagez un dossier seul, ou nommez des fichiers
input-protect-no-name = le fichier n’a pas de nom
input-protect-name-too-long = le nom est trop long pour être protégé (environ 1000 octets au plus) ; renommez le fichier
input-password-too-short = utilisez au moins 8 caractères (le fichier n’est pas plus sûr que son mot de passe)
input-request-max-size = le plus gros fichier doit faire entre 1 octet et 5 Gio
input-request-folder-taken = { $name } et 99 autres du même genre existent déjà ; choisissez un autre dossier
input-request-no-form = ce service n’accepte pas les envois par formulaire : la page prend jusqu’à { $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    }, enregistrés sous des noms numérotés, et seule la page vérifie leur taille
input-name-missing = donnez un nom à la connexion
input-name-spaces = le nom ne doit pas commencer ni finir par une espace
input-name-control = le nom ne doit pas contenir de sauts de ligne, de tabulations, de marques de direction du texte ni d’autres caractères de contrôle
input-name-too-long = le nom dépasse { $max } caractères ; choisissez-en un plus court
input-name-built-in = « { $name } » est une connexion intégrée ; choisissez un autre nom
input-name-exists = une connexion nommée « { $name } » existe déjà ; choisissez un autre nom ou supprimez d’abord celle-ci
input-account-id-missing = Cloudflare R2 a besoin de votre ID de compte (affiché sur la page d’aperçu de R2)
input-account-id-characters = « { $account } » ne doit contenir que des lettres et des chiffres
input-provider-unknown = « { $text } » ne fait pas partie de aws, r2, wasabi, b2, spaces, custom
input-key-id-empty = l’ID de clé d’accès est vide
input-key-id-spaces = l’ID de clé d’accès ne doit contenir ni espaces ni sauts de ligne
input-endpoint-missing = un service compatible S3 a besoin de son adresse, par exemple http://192.168.1.10:9000
input-connections-file-unreadable = { $path } ne peut pas être lu : { $reason }
input-provider-custom = MinIO / autre service compatible S3
input-plaintext-warning = { $url } est du http non chiffré vers un autre ordinateur : les liens, les fichiers et les jetons de session circulent en clair et peuvent être lus ou modifiés en chemin. Utilisez https:// si le serveur le propose.
