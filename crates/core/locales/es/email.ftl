email-here-are = Le envío { $files }:
email-works-until = El enlace funciona hasta el { $time }
email-subject-one = Archivo compartido: { $name }
email-subject-two = Archivos compartidos: { $first } y { $second }
email-subject-more = Archivos compartidos: { $first } y { $count } más
email-subject-none = Archivos compartidos
