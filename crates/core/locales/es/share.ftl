share-hint-select = Seleccione un archivo para compartirlo.
share-hint-then = Después elija cuánto tiempo funciona el enlace y haga clic en Copiar enlace.
share-hint-several = Ctrl+clic o Mayús+clic para compartir varios archivos a la vez.
share-folder-or-page = O comparta todo lo que hay en «{ $folder }» con un solo enlace
share-folder-or-page-detail = Cada archivo que contiene, también en sus subcarpetas, en una sola página.
share-folder-kind = Carpeta · comparta cada archivo que contiene, también en sus subcarpetas, con un solo enlace

share-page-button = Compartir con un solo enlace
share-page-hover-files = Copia un enlace a una página que enumera los { $files }, cada uno con su propio enlace de descarga; la página y sus enlaces funcionan durante el tiempo elegido arriba
share-page-hover-folder = Copia un enlace a una página que enumera cada archivo de esta carpeta y sus subcarpetas, cada uno con su propio enlace de descarga; la página y sus enlaces funcionan durante el tiempo elegido arriba
share-page-kept = La página se guarda en el bucket (en .s3share/) hasta que caducan sus enlaces; después se elimina.
share-page-off = Compartir con un solo enlace no está disponible: { $why }
share-page-making = Creando la página…
share-page-link = Enlace de la página
share-page-copied = ✔ Copiado — página con { $files }, funciona hasta el { $until }
share-page-ended = La página con { $files } ha caducado: funcionó hasta el { $time }. Vuelva a compartir con un solo enlace para obtener una nueva.

share-sooner = Antes de lo pedido: la sesión temporal que lo firmó termina entonces.
share-modified = Modificado el { $time }

share-expiry-heading = El enlace funciona durante
share-custom = Otro…
share-custom-hover = Cualquier duración de 1 segundo a 7 días
share-custom-length = Duración personalizada
share-unit-minutes = { $count ->
    [one] minuto
   *[other] minutos
}
share-unit-hours = { $count ->
    [one] hora
   *[other] horas
}
share-unit-days = { $count ->
    [one] día
   *[other] días
}
share-max-length = Los enlaces pueden funcionar como máximo { $length } (un límite de las firmas de S3).
share-expiry-empty = Escriba cuánto tiempo debe funcionar el enlace, por ejemplo 3 días.
share-expiry-not-number = «{ $text }» no es un número entero. Escriba por ejemplo 3 y elija días.

share-mode-heading = Al abrir el enlace
share-open-in-browser = Abrir en el navegador
share-open-in-browser-hover = Las imágenes, los PDF y el texto se muestran en el navegador; los demás archivos se descargan
share-download = Descargar
share-each-own-name = Cada archivo se descarga con su propio nombre.
share-save-as = Guardar como

share-take-back = Compartir una copia que pueda retirar
share-take-back-hover = Un enlace normal no se puede retirar. Con esta opción, el archivo se copia dentro del bucket (en .s3share/shares/ a su lado) y se comparte la copia: «Dejar de compartir» en el historial la elimina y el enlace deja de funcionar al instante. La copia se elimina cuando caduca el enlace.
share-copy-cost = Guarda una segunda copia ({ $size }) hasta que caduque el enlace

share-copy-link = Copiar enlace
share-copy-links = Copiar enlaces
share-copy-link-hover = Copia un enlace que funciona durante el tiempo elegido arriba (Ctrl+Mayús+C)
share-copy-links-hover = Copia un enlace por archivo, uno por línea, que funciona durante el tiempo elegido arriba (Ctrl+Mayús+C)
share-copy-for-email = ✉ Copiar para correo
share-copy-for-email-hover = Copia un mensaje listo para pegar: el nombre del archivo como enlace, su tamaño y hasta cuándo funciona (también en texto sin formato, para editores sencillos)
share-email = Correo…
share-email-hover = Abre un mensaje nuevo en su programa de correo, con el enlace dentro
share-qr = Código QR
share-qr-hover = Muestra el enlace como código QR, para abrirlo en un teléfono
share-password = Con contraseña…
share-password-hover = Cifra el archivo aquí y comparte una página que solo lo abre con una contraseña que usted elija
share-copy-off = Copiar enlace no está disponible: { $why }
share-making-link = Creando el enlace…
share-making-links = Creando los enlaces…
share-select-first = Seleccione primero un archivo.
share-sign-in-ended = Su sesión temporal terminó el { $time }: los enlaces creados con ella ya no funcionan.
share-sign-in-temporary = Estas claves son temporales: los enlaces dejan de funcionar cuando termine su sesión, el { $until }.
share-refresh-folder = Actualizar carpeta
share-busy = La ventana está demasiado ocupada; inténtelo de nuevo.

share-made-mail = ✔ Enlace creado — funciona hasta el { $until }
share-made-mail-opened = ✔ Abierto en su programa de correo — funciona hasta el { $until }
share-made-qr = ✔ Código QR listo — funciona hasta el { $until }
share-made-for-email = ✔ Copiado para correo — péguelo en un mensaje. Funciona hasta el { $until }
share-made-one = ✔ Copiado — funciona hasta el { $until }
share-made-many = ✔ { $count ->
    [one] { $count } enlace copiado
   *[other] { $count } enlaces copiados
} — funcionan hasta el { $until }
share-links-ended = { $count ->
    [one] Este enlace ha caducado: funcionó hasta el { $time }. Copiar enlace crea uno nuevo.
   *[other] Estos { $count } enlaces han caducado: funcionaron hasta el { $time }. Copiar enlaces crea otros nuevos.
}
share-links-to-copy = Enlaza a una copia: Historial → Dejar de compartir la elimina, y el enlace deja de funcionar al instante.
share-opening-mail = Abriendo su programa de correo…
share-long-link = ⚠ Este enlace tiene { $length } caracteres. Algunos sistemas de correo cortan las líneas de más de { $max } caracteres, así que puede llegar roto: pruébelo desde el mensaje que envíe. Las sesiones temporales generan enlaces así de largos; una conexión con claves de acceso permanentes da enlaces cortos.
share-link = Enlace
share-test-link = Probar enlace
share-test-link-hover = Abre el enlace como lo hará el navegador del destinatario
share-test-works = ✔ funciona

share-copied-toast = Enlace copiado — funciona hasta el { $until }
share-links-copied-toast = { $count ->
    [one] { $count } enlace copiado
   *[other] { $count } enlaces copiados
}, en un mensaje
share-copied-for-email-toast = Copiado para correo — péguelo en un mensaje
share-plain-only = Copiado solo como texto sin formato: el portapapeles de este escritorio no aceptó la versión con formato.
share-mail-busy = La ventana estaba demasiado ocupada para abrir su programa de correo, así que el mensaje está en el portapapeles: cree un correo nuevo y péguelo.
share-no-mail-program = No se abrió ningún programa de correo, así que el mensaje está en el portapapeles: cree un correo nuevo y péguelo.
share-mail-too-long = El mensaje es demasiado largo para pasarlo directamente a un programa de correo (admiten unos { $max } caracteres), así que está en el portapapeles: cree un correo nuevo y péguelo.

share-qr-alt = Código QR del enlace a { $name }
share-qr-point = Apunte la cámara de un teléfono al código para abrir el enlace.
share-qr-too-long = Este enlace es demasiado largo para un código QR ({ $length } caracteres). Envíelo por correo.
share-phone-warning = ⚠ Este enlace apunta a este ordenador: ni un teléfono ni nadie más puede abrirlo. Los enlaces al almacenamiento de demostración solo funcionan en este ordenador; para abrir un archivo en un teléfono, compártalo desde un almacenamiento real.

share-several-selected = { $count ->
    [one] { $count } archivo seleccionado
   *[other] { $count } archivos seleccionados
}
share-several-total = { $size } en total · un mensaje con un enlace para cada uno
share-several-more = y { $count } más

share-until-ended = { $time } (caducado)
share-expires-in = caduca en { $left }
share-expired = caducado
share-left-seconds = { $count } s
share-left-minutes = { $count } min
share-left-hours = { $count } h

share-warning-session-short = puede dejar de funcionar antes: claves temporales de fin desconocido
share-warning-session = Este enlace se firmó con claves temporales (un token de sesión) cuyo fin no se conoce, así que puede dejar de funcionar antes de la hora indicada: cuando termine esa sesión. Pruébelo antes de enviarlo, o firme con claves permanentes o con claves cuyo fin se conozca (indique a la conexión la hora de fin de la sesión).

share-check-timeout = El servicio de almacenamiento no respondió a tiempo. Inténtelo de nuevo en un minuto.
share-check-unreachable = No se pudo conectar con el servicio de almacenamiento desde este ordenador. Compruebe la conexión a Internet.
share-check-expired = El enlace ha caducado. Copie uno nuevo.
share-check-no-file = El archivo ya no existe. Actualice la carpeta.
share-check-no-bucket = El bucket ya no existe.
share-check-signature = El servicio de almacenamiento no acepta la firma del enlace. ¿Se modificó el enlace al pegarlo?
share-check-keys = Las claves que firmaron el enlace ya no son válidas. Vuelva a iniciar sesión y copie un enlace nuevo.
share-check-denied = Acceso denegado: las claves que firmaron el enlace no pueden leer este archivo.
share-check-status = El servicio de almacenamiento respondió HTTP { $status }.
share-check-refused = El servicio de almacenamiento rechazó el enlace (HTTP { $status }, { $code }).

share-preview-loading = Cargando vista previa…
share-preview-alt = Vista previa de { $name }
share-preview-picture = Imagen · { $width } × { $height } píxeles
share-preview-pdf-pages = { $count ->
    [one] PDF · { $count } página
   *[other] PDF · { $count } páginas
}
share-preview-pdf-too-big = PDF · número de páginas desconocido: solo se leen los PDF de hasta { $size } para contar sus páginas
share-preview-pdf-protected = PDF · protegido con contraseña
share-preview-pdf-unknown = PDF · número de páginas desconocido
share-preview-failed = Sin vista previa: { $reason }
share-preview-kind = Sin vista previa para este tipo de archivo
share-preview-too-big = Demasiado grande para la vista previa ({ $size })
share-preview-empty = El archivo está vacío
share-preview-changed = Sin vista previa: el archivo cambió desde que se listó la carpeta. Actualice la carpeta.
share-preview-too-many-pixels = Demasiados píxeles para la vista previa
share-preview-too-many-pixels-sized = Demasiados píxeles para la vista previa ({ $width } × { $height })
share-preview-unreadable-picture = Sin vista previa: no se pudo leer el archivo como imagen
share-preview-unreadable-text = Sin vista previa: no se pudo leer el archivo como texto
share-preview-unreadable-pdf = Sin vista previa: no se pudo leer el archivo como PDF
