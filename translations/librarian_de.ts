<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>PeerConnection</name>
    <message>
        <source>The authenticator must be USER:PASSWORD.</source>
        <translation>Die Anmeldedaten müssen die Form USER:PASSWORD haben.</translation>
    </message>
</context>
<context>
    <name>PeerGraph</name>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>known via %1</source>
        <translation>bekannt über %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unresolved error(s)</source>
        <translation>
            <numerusform>%n ungelöster Fehler</numerusform>
            <numerusform>%n ungelöste Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>transfers disabled</source>
        <translation>Übertragungen deaktiviert</translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n in Warteschlange</numerusform>
            <numerusform>%n in Warteschlange</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed today</source>
        <translation>
            <numerusform>%n heute fehlgeschlagen</numerusform>
            <numerusform>%n heute fehlgeschlagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) ago</source>
        <translation>
            <numerusform>vor %n Sekunde</numerusform>
            <numerusform>vor %n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusColors</name>
    <message>
        <source>healthy</source>
        <translation>in Ordnung</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>erfordert Aufmerksamkeit</translation>
    </message>
    <message>
        <source>failing or unreachable</source>
        <translation>fehlerhaft oder nicht erreichbar</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>noch unbekannt</translation>
    </message>
</context>
<context>
    <name>librarian::AccountsPage</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>Neues Konto…</translation>
    </message>
    <message>
        <source>Change level…</source>
        <translation>Stufe ändern…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Passwort zurücksetzen…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Account %1 created with level %2.</source>
        <translation>Konto %1 mit Stufe %2 angelegt.</translation>
    </message>
    <message>
        <source>Change level of %1</source>
        <translation>Stufe von %1 ändern</translation>
    </message>
    <message>
        <source>New level for %1:</source>
        <translation>Neue Stufe für %1:</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 ist jetzt %2.</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Passwort von %1 geändert.</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>Konto löschen</translation>
    </message>
    <message>
        <source>Delete account %1 on %2? Whoever uses it (a person or a peer librarian) can no longer sign in.</source>
        <translation>Konto %1 auf %2 löschen? Wer es nutzt (eine Person oder ein Peer-Librarian), kann sich dann nicht mehr anmelden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Account %1 deleted.</source>
        <translation>Konto %1 gelöscht.</translation>
    </message>
    <message>
        <source>nothing (a disabled account)</source>
        <translation>nichts (ein gesperrtes Konto)</translation>
    </message>
    <message>
        <source>search and read</source>
        <translation>suchen und lesen</translation>
    </message>
    <message>
        <source>a peer that pushes from here confirms its copies</source>
        <translation>ein Peer, an den von hier gesendet wird, bestätigt seine Kopien</translation>
    </message>
    <message>
        <source>read and add files (a peer that pushes here)</source>
        <translation>lesen und Dateien hinzufügen (ein Peer, der hierher sendet)</translation>
    </message>
    <message>
        <source>read, add and change files</source>
        <translation>Dateien lesen, hinzufügen und ändern</translation>
    </message>
    <message>
        <source>everything, including accounts, stores and librarians</source>
        <translation>alles, auch Konten, Speicher und Librarians</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Darf</translation>
    </message>
</context>
<context>
    <name>librarian::AddLibrarianDialog</name>
    <message>
        <source>Check the connection first (recommended)</source>
        <translation>Zuerst die Verbindung prüfen (empfohlen)</translation>
    </message>
    <message>
        <source>Add a librarian to %1</source>
        <translation>Librarian zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>the peer&apos;s own name, e.g. destination_librarian</source>
        <translation>der eigene Name des Peers, z. B. destination_librarian</translation>
    </message>
    <message>
        <source>account on the peer for %1</source>
        <translation>Konto auf dem Peer für %1</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>User on the peer:</source>
        <translation>Benutzer auf dem Peer:</translation>
    </message>
    <message>
        <source>Password on the peer:</source>
        <translation>Passwort auf dem Peer:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Adding and checking the connection…</source>
        <translation>Wird hinzugefügt, Verbindung wird geprüft…</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
    <message>
        <source>Give the peer&apos;s name.</source>
        <translation>Geben Sie den Namen des Peers an.</translation>
    </message>
    <message>
        <source>The URL must look like http://host or https://host, without a port.</source>
        <translation>Die URL muss die Form http://host oder https://host haben, ohne Port.</translation>
    </message>
    <message>
        <source>Give the user name (without &apos;:&apos;) and password of the account on the peer.</source>
        <translation>Geben Sie Benutzername (ohne &apos;:&apos;) und Passwort des Kontos auf dem Peer an.</translation>
    </message>
    <message>
        <source>The connection is gone; connect again.</source>
        <translation>Die Verbindung ist getrennt; verbinden Sie sich erneut.</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>Nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <source>the server refused.</source>
        <translation>der Server hat abgelehnt.</translation>
    </message>
    <message>
        <source>Librarian %1 added; it answered with the given account.</source>
        <translation>Librarian %1 hinzugefügt; er hat mit dem angegebenen Konto geantwortet.</translation>
    </message>
    <message>
        <source>Librarian %1 added (connection not checked).</source>
        <translation>Librarian %1 hinzugefügt (Verbindung nicht geprüft).</translation>
    </message>
</context>
<context>
    <name>librarian::ChunkSender</name>
    <message>
        <source>Transfer cancelled.</source>
        <translation>Übertragung abgebrochen.</translation>
    </message>
    <message>
        <source>The receiver holds %1 bytes of %2, which has only %3.</source>
        <translation>Der Empfänger hat %1 Bytes von %2, die Datei hat aber nur %3.</translation>
    </message>
    <message>
        <source>The file changed since it was staged; cancel the transfer and start again.</source>
        <translation>Die Datei hat sich seit dem Bereitstellen geändert; brechen Sie die Übertragung ab und beginnen Sie neu.</translation>
    </message>
    <message>
        <source>%1 does not match its checksum: expected %2, read %3.</source>
        <translation>%1 stimmt nicht mit seiner Prüfsumme überein: erwartet %2, gelesen %3.</translation>
    </message>
    <message>
        <source>This copy is damaged; the receiver refuses it as well.</source>
        <translation>Diese Kopie ist beschädigt; der Empfänger lehnt sie ebenfalls ab.</translation>
    </message>
</context>
<context>
    <name>librarian::ClientConfig</name>
    <message>
        <source>The client config %1 does not exist.</source>
        <translation>Die Client-Konfiguration %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Write it as docs/cli.md shows, or point LIBRARIAN_CLIENT_CONFIG at one.</source>
        <translation>Legen Sie sie wie in docs/cli.md beschrieben an oder lassen Sie LIBRARIAN_CLIENT_CONFIG auf eine verweisen.</translation>
    </message>
    <message>
        <source>Cannot read the client config %1: %2</source>
        <translation>Die Client-Konfiguration %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The client config %1 is not a JSON object: %2</source>
        <translation>Die Client-Konfiguration %1 ist kein JSON-Objekt: %2</translation>
    </message>
    <message>
        <source>%1: key &apos;connections&apos; must be an object of named connections.</source>
        <translation>%1: Der Schlüssel &apos;connections&apos; muss ein Objekt benannter Verbindungen sein.</translation>
    </message>
    <message>
        <source>%1: connection &apos;%2&apos;</source>
        <translation>%1: Verbindung &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: connection &apos;%2&apos;: host must be a URL like http://127.0.0.1 without a port.</source>
        <translation>%1: Verbindung &apos;%2&apos;: host muss eine URL wie http://127.0.0.1 ohne Port sein.</translation>
    </message>
    <message>
        <source>No connection named &apos;%1&apos; in %2.</source>
        <translation>Keine Verbindung namens &apos;%1&apos; in %2.</translation>
    </message>
    <message>
        <source>The file defines no connections.</source>
        <translation>Die Datei definiert keine Verbindungen.</translation>
    </message>
    <message>
        <source>Known connections: %1.</source>
        <translation>Bekannte Verbindungen: %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>librarian::ConnectionDialog</name>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>Edit connection %1</source>
        <translation>Verbindung %1 bearbeiten</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>Server-URL:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Saved in the client config shared with the librarian command (owner-only file).</source>
        <translation>Wird in der Client-Konfiguration gespeichert, die auch der Befehl librarian nutzt (Datei nur für den Eigentümer zugänglich).</translation>
    </message>
    <message>
        <source>Give the connection a name.</source>
        <translation>Geben Sie der Verbindung einen Namen.</translation>
    </message>
    <message>
        <source>A connection named %1 exists already.</source>
        <translation>Eine Verbindung namens %1 existiert bereits.</translation>
    </message>
    <message>
        <source>The server URL must look like http://host, without a port.</source>
        <translation>Die Server-URL muss die Form http://host haben, ohne Port.</translation>
    </message>
    <message>
        <source>Give the user name and password.</source>
        <translation>Geben Sie Benutzername und Passwort an.</translation>
    </message>
</context>
<context>
    <name>librarian::DataChannel</name>
    <message>
        <source>no answer in time</source>
        <translation>keine Antwort innerhalb der Frist</translation>
    </message>
    <message>
        <source>Cannot reach the data plane at %1:%2: %3</source>
        <translation>Die Datenebene unter %1:%2 ist nicht erreichbar: %3</translation>
    </message>
    <message>
        <source>Check that the server runs and the connection&apos;s host and port.</source>
        <translation>Prüfen Sie, ob der Server läuft, und Host und Port der Verbindung.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the file ended early</source>
        <translation>die Datei endete zu früh</translation>
    </message>
    <message>
        <source>the answer&apos;s head is too long</source>
        <translation>der Kopf der Antwort ist zu lang</translation>
    </message>
    <message>
        <source>the answer is not HTTP/1.1 as expected</source>
        <translation>die Antwort ist nicht wie erwartet HTTP/1.1</translation>
    </message>
    <message>
        <source>the connection closed</source>
        <translation>die Verbindung wurde geschlossen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>librarian::ErrorsPage</name>
    <message>
        <source>Include cleared</source>
        <translation>Quittierte einbeziehen</translation>
    </message>
    <message>
        <source>Clear error</source>
        <translation>Fehler quittieren</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Aufgetreten</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Mark the chosen error as dealt with.</source>
        <translation>Den gewählten Fehler als erledigt markieren.</translation>
    </message>
    <message>
        <source>%1 (cleared)</source>
        <translation>%1 (quittiert)</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s).</source>
        <translation>
            <numerusform>%n Fehler.</numerusform>
            <numerusform>%n Fehler.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>librarian::FileUploader</name>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 holds no files: nothing to upload.</source>
        <translation>%1 enthält keine Dateien: nichts hochzuladen.</translation>
    </message>
    <message>
        <source>Upload cancelled.</source>
        <translation>Hochladen abgebrochen.</translation>
    </message>
    <message>
        <source>The server did not stage %1.</source>
        <translation>Der Server hat %1 nicht bereitgestellt.</translation>
    </message>
    <message>
        <source>Every file of %1 is in the catalogue under %2 already, with the same contents.</source>
        <translation>Jede Datei von %1 ist bereits mit demselben Inhalt unter %2 im Katalog.</translation>
    </message>
    <message>
        <source>File names are permanent; upload under a new name.</source>
        <translation>Dateinamen sind dauerhaft; laden Sie unter einem neuen Namen hoch.</translation>
    </message>
</context>
<context>
    <name>librarian::FilesPage</name>
    <message>
        <source>Created between</source>
        <translation>Erstellt zwischen</translation>
    </message>
    <message>
        <source>exact file name, e.g. obs/2026-11-24/scan-0001.dat (empty: any)</source>
        <translation>genauer Dateiname, z. B. obs/2026-11-24/scan-0001.dat (leer: beliebig)</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Uploader:</source>
        <translation>Hochgeladen von:</translation>
    </message>
    <message>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Uploader</source>
        <translation>Hochgeladen von</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>Prüfsumme</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) found.</source>
        <translation>
            <numerusform>%n Datei gefunden.</numerusform>
            <numerusform>%n Dateien gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>instance %1</source>
        <translation>Instanz %1</translation>
    </message>
    <message>
        <source>available</source>
        <translation>verfügbar</translation>
    </message>
    <message>
        <source>deleted from disk</source>
        <translation>von der Festplatte gelöscht</translation>
    </message>
    <message>
        <source>remote instance</source>
        <translation>entfernte Instanz</translation>
    </message>
    <message>
        <source>on librarian %1</source>
        <translation>auf Librarian %1</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>no copy is known</source>
        <translation>keine Kopie bekannt</translation>
    </message>
</context>
<context>
    <name>librarian::LibrarianClient</name>
    <message>
        <source>no answer in time</source>
        <translation>keine rechtzeitige Antwort</translation>
    </message>
    <message>
        <source>Cannot reach librarian at %1: %2</source>
        <translation>Librarian unter %1 nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>Check that the server runs and the connection&apos;s host and port.</source>
        <translation>Prüfen Sie, ob der Server läuft, sowie Host und Port der Verbindung.</translation>
    </message>
    <message>
        <source>The server answered HTTP %1 %2.</source>
        <translation>Der Server antwortete mit HTTP %1 %2.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not JSON: %1</source>
        <translation>Die Antwort des Servers ist kein JSON: %1</translation>
    </message>
</context>
<context>
    <name>librarian::LibrariansPage</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Disable transfers</source>
        <translation>Übertragungen deaktivieren</translation>
    </message>
    <message>
        <source>Pair two librarians…</source>
        <translation>Zwei Librarians koppeln…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antwortet</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <source>Last reached</source>
        <translation>Zuletzt erreicht</translation>
    </message>
    <message>
        <source>Last heard from</source>
        <translation>Zuletzt gemeldet</translation>
    </message>
    <message>
        <source>Enable transfers</source>
        <translation>Übertragungen aktivieren</translation>
    </message>
    <message>
        <source>Create both accounts and both registrations of two librarians you are ADMIN on.</source>
        <translation>Legt beide Konten und beide Registrierungen zweier Librarians an, auf denen Sie ADMIN sind.</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>nicht gefragt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>Remove librarian</source>
        <translation>Librarian entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from %2? Files already sent stay where they are; no more files go to %1 until it is added again.</source>
        <translation>%1 von %2 entfernen? Bereits gesendete Dateien bleiben, wo sie sind; an %1 gehen keine weiteren Dateien, bis er wieder hinzugefügt wird.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Also cancel the outgoing transfers to %1</source>
        <translation>Auch die ausgehenden Übertragungen an %1 abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Librarian %1 removed; %n outgoing transfer(s) cancelled.</source>
        <translation>
            <numerusform>Librarian %1 entfernt; %n ausgehende Übertragung abgebrochen.</numerusform>
            <numerusform>Librarian %1 entfernt; %n ausgehende Übertragungen abgebrochen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Transfers to %1 enabled.</source>
        <translation>Übertragungen an %1 aktiviert.</translation>
    </message>
    <message>
        <source>Transfers to %1 disabled.</source>
        <translation>Übertragungen an %1 deaktiviert.</translation>
    </message>
    <message>
        <source>Paired: %1 pushes to %2.</source>
        <translation>Gekoppelt: %1 sendet an %2.</translation>
    </message>
</context>
<context>
    <name>librarian::MainWindow</name>
    <message>
        <source>Librarian</source>
        <translation>Librarian</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Librarians</source>
        <translation>Librarians</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation>&amp;Neue Verbindung…</translation>
    </message>
    <message>
        <source>Connect &amp;all</source>
        <translation>&amp;Alle verbinden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About Librarian</source>
        <translation>Über Librarian</translation>
    </message>
    <message>
        <source>&lt;b&gt;Librarian %1&lt;/b&gt;&lt;p&gt;Operator GUI for a network of librarian servers.&lt;/p&gt;&lt;p&gt;Connections: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;Librarian %1&lt;/b&gt;&lt;p&gt;Bedienoberfläche für ein Netzwerk von Librarian-Servern.&lt;/p&gt;&lt;p&gt;Verbindungen: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No connections yet: add one with New… (saved to %1).</source>
        <translation>Noch keine Verbindungen: Legen Sie eine mit Neu… an (gespeichert in %1).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Connections&lt;/b&gt;</source>
        <translation>&lt;b&gt;Verbindungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Connect all</source>
        <translation>Alle verbinden</translation>
    </message>
    <message>
        <source>No connection chosen.</source>
        <translation>Keine Verbindung ausgewählt.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <source>Librarian: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Librarian: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Signed in as %1, level &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Angemeldet als %1, Stufe &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Connection not saved: %1</source>
        <translation>Verbindung nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation>Verbindung entfernen</translation>
    </message>
    <message>
        <source>Remove connection %1 from the client config? The librarian itself is not touched.</source>
        <translation>Verbindung %1 aus der Client-Konfiguration entfernen? Der Librarian selbst bleibt unverändert.</translation>
    </message>
    <message>
        <source>Connection not removed: %1</source>
        <translation>Verbindung nicht entfernt: %1</translation>
    </message>
</context>
<context>
    <name>librarian::NetworkPage</name>
    <message>
        <source>Refresh every 10 s</source>
        <translation>Alle 10 s aktualisieren</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>&lt;p&gt;Click a librarian to see its details.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Klicken Sie auf einen Librarian, um seine Details zu sehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>in Ordnung</translation>
    </message>
    <message>
        <source>errors to look at, transfers disabled, or quiet for an hour</source>
        <translation>Fehler zu prüfen, Übertragungen deaktiviert oder seit einer Stunde still</translation>
    </message>
    <message>
        <source>unreachable or failed transfers today</source>
        <translation>nicht erreichbar oder heute fehlgeschlagene Übertragungen</translation>
    </message>
    <message>
        <source>not heard from yet</source>
        <translation>noch keine Meldung</translation>
    </message>
    <message>
        <source>dashed box: known only through a peer; dashed arrow: transfers disabled</source>
        <translation>gestrichelter Kasten: nur über einen Peer bekannt; gestrichelter Pfeil: Übertragungen deaktiviert</translation>
    </message>
    <message numerus="yes">
        <source>Refresh every %n s</source>
        <translation>
            <numerusform>Alle %n s aktualisieren</numerusform>
            <numerusform>Alle %n s aktualisieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n librarian(s)</source>
        <translation>
            <numerusform>%n Librarian</numerusform>
            <numerusform>%n Librarians</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n Link</numerusform>
            <numerusform>%n Links</numerusform>
        </translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Reached through</source>
        <translation>Erreicht über</translation>
    </message>
    <message>
        <source>no connection of yours</source>
        <translation>keine eigene Verbindung</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>Registriert auf</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Unresolved errors</source>
        <translation>Ungelöste Fehler</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <source>transfers disabled</source>
        <translation>Übertragungen deaktiviert</translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n in Warteschlange</numerusform>
            <numerusform>%n in Warteschlange</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed today</source>
        <translation>
            <numerusform>%n heute fehlgeschlagen</numerusform>
            <numerusform>%n heute fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>pushes to</source>
        <translation>sendet an</translation>
    </message>
    <message>
        <source>receives from</source>
        <translation>empfängt von</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Links</translation>
    </message>
</context>
<context>
    <name>librarian::Pairing</name>
    <message>
        <source>Checking ADMIN on %1</source>
        <translation>ADMIN auf %1 wird geprüft</translation>
    </message>
    <message>
        <source>%1 reached as ADMIN: librarian %2</source>
        <translation>%1 als ADMIN erreicht: Librarian %2</translation>
    </message>
    <message>
        <source>Pairing</source>
        <translation>Kopplung</translation>
    </message>
    <message>
        <source>Both connections reach librarian %1.</source>
        <translation>Beide Verbindungen erreichen Librarian %1.</translation>
    </message>
    <message>
        <source>Creating account %1 (CALLBACK) on %2</source>
        <translation>Konto %1 (CALLBACK) wird auf %2 angelegt</translation>
    </message>
    <message>
        <source>account %1 (CALLBACK) created on %2</source>
        <translation>Konto %1 (CALLBACK) auf %2 angelegt</translation>
    </message>
    <message>
        <source>Creating account %1 (READAPPEND) on %2</source>
        <translation>Konto %1 (READAPPEND) wird auf %2 angelegt</translation>
    </message>
    <message>
        <source>account %1 (READAPPEND) created on %2</source>
        <translation>Konto %1 (READAPPEND) auf %2 angelegt</translation>
    </message>
    <message>
        <source>Registering %1 on %2 (connection checked)</source>
        <translation>%1 wird auf %2 registriert (Verbindung geprüft)</translation>
    </message>
    <message>
        <source>%1 registered on %2; %1 answered</source>
        <translation>%1 auf %2 registriert; %1 hat geantwortet</translation>
    </message>
</context>
<context>
    <name>librarian::PairingWizard</name>
    <message>
        <source>Pair two librarians</source>
        <translation>Zwei Librarians koppeln</translation>
    </message>
    <message>
        <source>Which librarian pushes to which?</source>
        <translation>Welcher Librarian sendet an welchen?</translation>
    </message>
    <message>
        <source>Files flow from the first to the second. You need ADMIN on both connections.</source>
        <translation>Dateien fließen vom ersten zum zweiten. Sie benötigen ADMIN auf beiden Verbindungen.</translation>
    </message>
    <message>
        <source>Sends files (source):</source>
        <translation>Sendet Dateien (Quelle):</translation>
    </message>
    <message>
        <source>Receives files (destination):</source>
        <translation>Empfängt Dateien (Ziel):</translation>
    </message>
    <message>
        <source>This creates an account for the destination on the source (CALLBACK) and one for the source on the destination (READAPPEND), both with random passwords, and registers each librarian on the other, checking the connection each way. Then add a send_clone task on the source and a receive_clone task on the destination.</source>
        <translation>Dies legt auf der Quelle ein Konto für das Ziel an (CALLBACK) und auf dem Ziel eines für die Quelle (READAPPEND), beide mit zufälligen Passwörtern, und registriert jeden Librarian beim anderen, wobei die Verbindung in beide Richtungen geprüft wird. Fügen Sie danach eine send_clone-Aufgabe auf der Quelle und eine receive_clone-Aufgabe auf dem Ziel hinzu.</translation>
    </message>
    <message>
        <source>Pairing</source>
        <translation>Kopplung</translation>
    </message>
    <message>
        <source>Each step and its result.</source>
        <translation>Jeder Schritt und sein Ergebnis.</translation>
    </message>
    <message>
        <source>Choose two connections.</source>
        <translation>Wählen Sie zwei Verbindungen.</translation>
    </message>
    <message>
        <source>Choose two different connections.</source>
        <translation>Wählen Sie zwei verschiedene Verbindungen.</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Erledigt: %1</translation>
    </message>
    <message>
        <source>Paired: %1 pushes to %2. Add a send_clone task for %2 on %1 and a receive_clone task on %2, then restart them.</source>
        <translation>Gekoppelt: %1 sendet an %2. Fügen Sie auf %1 eine send_clone-Aufgabe für %2 und auf %2 eine receive_clone-Aufgabe hinzu und starten Sie beide neu.</translation>
    </message>
    <message>
        <source>Failed: %1 Nothing was left half-made.</source>
        <translation>Fehlgeschlagen: %1 Es wurde nichts halb fertig zurückgelassen.</translation>
    </message>
</context>
<context>
    <name>librarian::PeerGraphView</name>
    <message>
        <source>No librarian to show yet: add a connection on the left and connect it.</source>
        <translation>Noch kein Librarian anzuzeigen: Legen Sie links eine Verbindung an und verbinden Sie sie.</translation>
    </message>
</context>
<context>
    <name>librarian::Session</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Signed in to %1 as %2 (%3)</source>
        <translation>Bei %1 als %2 angemeldet (%3)</translation>
    </message>
    <message>
        <source>Check the user name and password of connection %1.</source>
        <translation>Prüfen Sie Benutzername und Passwort der Verbindung %1.</translation>
    </message>
    <message>
        <source>Connecting was cancelled.</source>
        <translation>Der Verbindungsaufbau wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>librarian::SessionModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>librarian::SessionPage</name>
    <message>
        <source>Choose a connection on the left.</source>
        <translation>Wählen Sie links eine Verbindung.</translation>
    </message>
    <message>
        <source>Connect to %1 first.</source>
        <translation>Verbinden Sie sich zuerst mit %1.</translation>
    </message>
    <message>
        <source>This needs %1 on %2; account %3 is %4.</source>
        <translation>Dies erfordert %1 auf %2; Konto %3 hat %4.</translation>
    </message>
</context>
<context>
    <name>librarian::TransfersPage</name>
    <message>
        <source>Any state</source>
        <translation>Beliebiger Status</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Peer</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>ausgehend</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>eingehend</translation>
    </message>
    <message numerus="yes">
        <source>%n outgoing and </source>
        <translation>
            <numerusform>%n ausgehende und </numerusform>
            <numerusform>%n ausgehende und </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n incoming transfer(s).</source>
        <translation>
            <numerusform>%n eingehende Übertragung.</numerusform>
            <numerusform>%n eingehende Übertragungen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>librarian::UserDialog</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Neues Konto</translation>
    </message>
    <message>
        <source>Reset password of %1</source>
        <translation>Passwort von %1 zurücksetzen</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Stufe:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>At least 8 characters. A generated password is shown once: copy it now.</source>
        <translation>Mindestens 8 Zeichen. Ein erzeugtes Passwort wird nur einmal angezeigt: Kopieren Sie es jetzt.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort setzen</translation>
    </message>
    <message>
        <source>Give a user name.</source>
        <translation>Geben Sie einen Benutzernamen an.</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation>Das Passwort muss mindestens 8 Zeichen haben.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Operator GUI for a network of librarians: the live network graph, accounts, librarians, files, transfers and errors, over the connections of the client config shared with the librarian command.</source>
        <translation>Bedienoberfläche für ein Netzwerk von Librarians: der Live-Netzwerkgraph, Konten, Librarians, Dateien, Übertragungen und Fehler, über die Verbindungen der Client-Konfiguration, die auch der Befehl librarian nutzt.</translation>
    </message>
    <message>
        <source>Language (de, fr, en); default: the system&apos;s.</source>
        <translation>Sprache (de, fr, en); Standard: die des Systems.</translation>
    </message>
    <message>
        <source>Client config (default: LIBRARIAN_CLIENT_CONFIG, else %1).</source>
        <translation>Client-Konfiguration (Standard: LIBRARIAN_CLIENT_CONFIG, sonst %1).</translation>
    </message>
    <message>
        <source>Connect every connection at start.</source>
        <translation>Beim Start alle Verbindungen herstellen.</translation>
    </message>
    <message>
        <source>Connect all, wait for the network graph, save the window as PNG to &lt;file&gt; and quit.</source>
        <translation>Alle verbinden, auf den Netzwerkgraphen warten, das Fenster als PNG in &lt;file&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>Screenshot saved to</source>
        <translation>Bildschirmfoto gespeichert unter</translation>
    </message>
    <message>
        <source>Could not write</source>
        <translation>Konnte nicht schreiben</translation>
    </message>
</context>
</TS>
