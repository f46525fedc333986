email-here-are = Hier sind { $files }:
email-works-until = Link gültig bis { $time }
email-subject-one = Geteilte Datei: { $name }
email-subject-two = Geteilte Dateien: { $first } und { $second }
email-subject-more = Geteilte Dateien: { $first } und { $count } weitere
email-subject-none = Geteilte Dateien
