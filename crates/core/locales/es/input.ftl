# What a person typed or chose, checked by the core (Error::InvalidInput): the fields'
# names and the reasons; the provider names; the plain-http warning.

input-field-destination = destino
input-field-file = archivo
input-field-files = archivos
input-field-file-name = nombre del archivo
input-field-part-size = tamaño de las partes
input-field-jobs = transferencias simultáneas
input-field-location = ubicación
input-field-bucket = bucket
input-field-expiry = validez
input-field-endpoint = endpoint
input-field-path-style = direcciones de ruta
input-field-aws-profile = perfil de AWS
input-field-access-key-id = ID de clave de acceso
input-field-access-key-id-lower = ID de clave de acceso
input-field-secret-access-key = clave de acceso secreta
input-field-session-end = fin de la sesión
input-field-password = contraseña
input-field-max-size = tamaño máximo
input-field-folder = carpeta
input-field-name = nombre
input-field-account-id = ID de cuenta
input-field-provider = proveedor
input-field-connections-file = archivo de conexiones

input-destination-not-folder = «{ $folder }» debe ser un bucket o una carpeta que termine en /
input-file-no-name = «{ $path }» no tiene nombre de archivo ni de carpeta
input-part-size-too-small = { $size } es demasiado pequeño; las partes deben medir entre 5 MiB y 5 GiB (los límites de S3), por ejemplo 16MiB
input-part-size-too-large = { $size } es demasiado grande; las partes deben medir entre 5 MiB y 5 GiB (los límites de S3), por ejemplo 16MiB
input-part-size-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
input-jobs-zero = debe ejecutarse al menos una transferencia
input-location-no-scheme = «{ $text }» debe empezar por s3:// (por ejemplo s3://mi-bucket/informe.pdf)
input-location-bucket-only = «{ $text }» nombra un bucket, no un archivo; añada la clave del archivo (s3://{ $bucket }/archivo.pdf)
input-location-folder = «{ $text }» nombra una carpeta, no un archivo
input-bucket-missing = falta el nombre del bucket (s3://BUCKET/CLAVE)
input-bucket-length = «{ $name }» debe tener entre 3 y 63 caracteres
input-bucket-character = «{ $name }» contiene «{ $character }»; los nombres de bucket solo usan minúsculas, dígitos, puntos y guiones
input-bucket-ends = «{ $name }» debe empezar y terminar con una letra o un dígito
input-bucket-two-dots = «{ $name }» no debe contener dos puntos seguidos
input-bucket-ip = «{ $name }» no debe parecer una dirección IP
input-expiry-too-short = un enlace debe funcionar al menos 1 segundo
input-expiry-too-long = { $duration } es más de 7 días, lo máximo que puede funcionar un enlace prefirmado (S3 rechaza enlaces más largos)
input-expiry-not-duration = «{ $text }» no es una duración; use por ejemplo 90s, 15m, 1h, 1d o 7d
input-endpoint-not-custom = { $provider } tiene su propia dirección; un endpoint es solo para MinIO y otros servicios compatibles con S3 (proveedor custom)
input-path-style-not-custom = las direcciones de ruta son solo para MinIO y otros servicios compatibles con S3 (proveedor custom), no para { $provider }
input-pick-profile = elija un perfil (vienen de ~/.aws/config y ~/.aws/credentials)
input-type-key-id = escriba el ID de clave de acceso
input-type-secret = escriba la clave de acceso secreta que corresponde a este ID de clave
input-session-end-no-token = solo las claves temporales caducan: indique también su token de sesión o deje vacío el fin
input-session-end-passed = ese momento ya pasó, así que estas claves temporales ya no funcionan; obtenga otras nuevas
input-page-too-many = { $shown } archivos son más de los que una página puede listar ({ $max }); comparta una carpeta más pequeña o menos archivos
input-page-folder-not-file = «{ $key }» es una carpeta, no un archivo
input-page-own-file = «{ $key }» es uno de los archivos propios de s3share (.s3share/), que las páginas nunca listan
input-page-choose-file = elija al menos un archivo
input-page-one-bucket = todos los archivos de una página deben estar en un mismo bucket («{ $first }» y «{ $other }»)
input-page-folder-alone = { $folder } es una carpeta; comparta una carpeta sola o nombre archivos
input-protect-no-name = el archivo no tiene nombre
input-protect-name-too-long = el nombre es demasiado largo para protegerlo (como mucho unos 1000 bytes); cambie el nombre del archivo
input-password-too-short = use al menos 8 caracteres (el archivo solo es tan seguro como su contraseña)
input-request-max-size = el archivo más grande debe medir entre 1 byte y 5 GiB
input-request-folder-taken = { $name } y otras 99 parecidas ya existen; elija otra carpeta
input-request-no-form = este servicio no admite subidas por formulario: la página acepta hasta { $count ->
        [one] { $count } archivo
       *[other] { $count } archivos
    }, guardados con nombres numerados, y solo la página comprueba su tamaño
input-name-missing = dé un nombre a la conexión
input-name-spaces = el nombre no debe empezar ni terminar con un espacio
input-name-control = el nombre no debe contener saltos de línea, tabulaciones, marcas de dirección del texto ni otros caracteres de control
input-name-too-long = el nombre tiene más de { $max } caracteres; elija uno más corto
input-name-built-in = «{ $name }» es una conexión integrada; elija otro nombre
input-name-exists = ya existe una conexión llamada «{ $name }»; elija otro nombre o quite primero esa
input-account-id-missing = Cloudflare R2 necesita su ID de cuenta (aparece en la página de resumen de R2)
input-account-id-characters = «{ $account }» solo debe tener letras y dígitos
input-provider-unknown = «{ $text }» no es ninguno de aws, r2, wasabi, b2, spaces, custom
input-key-id-empty = el ID de clave de acceso está vacío
input-key-id-spaces = el ID de clave de acceso no debe contener espacios ni saltos de línea
input-endpoint-missing = un servicio compatible con S3 necesita su dirección, por ejemplo http://192.168.1.10:9000
input-connections-file-unreadable = no se puede leer { $path }: { $reason }
input-provider-custom = MinIO / otro compatible con S3
input-plaintext-warning = { $url } es http sin cifrar hacia otro equipo: los enlaces, los archivos y los tokens de sesión viajan sin cifrar y pueden leerse o modificarse por el camino. Use https:// si el servidor lo ofrece.
