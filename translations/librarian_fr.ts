<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>PeerConnection</name>
    <message>
        <source>The authenticator must be USER:PASSWORD.</source>
        <translation>Les identifiants doivent être de la forme USER:PASSWORD.</translation>
    </message>
</context>
<context>
    <name>PeerGraph</name>
    <message>
        <source>unreachable</source>
        <translation>injoignable</translation>
    </message>
    <message>
        <source>known via %1</source>
        <translation>connu via %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unresolved error(s)</source>
        <translation>
            <numerusform>%n erreur non résolue</numerusform>
            <numerusform>%n erreurs non résolues</numerusform>
        </translation>
    </message>
    <message>
        <source>transfers disabled</source>
        <translation>transferts désactivés</translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed today</source>
        <translation>
            <numerusform>%n en échec aujourd&apos;hui</numerusform>
            <numerusform>%n en échec aujourd&apos;hui</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) ago</source>
        <translation>
            <numerusform>il y a %n seconde</numerusform>
            <numerusform>il y a %n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>il y a %n minute</numerusform>
            <numerusform>il y a %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>il y a %n heure</numerusform>
            <numerusform>il y a %n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusColors</name>
    <message>
        <source>healthy</source>
        <translation>en bon état</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>à surveiller</translation>
    </message>
    <message>
        <source>failing or unreachable</source>
        <translation>en échec ou injoignable</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>pas encore connu</translation>
    </message>
</context>
<context>
    <name>librarian::AccountsPage</name>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>Nouveau compte…</translation>
    </message>
    <message>
        <source>Change level…</source>
        <translation>Changer le niveau…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Réinitialiser le mot de passe…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Account %1 created with level %2.</source>
        <translation>Compte %1 créé avec le niveau %2.</translation>
    </message>
    <message>
        <source>Change level of %1</source>
        <translation>Changer le niveau de %1</translation>
    </message>
    <message>
        <source>New level for %1:</source>
        <translation>Nouveau niveau pour %1&#xa0;:</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 est maintenant %2.</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Mot de passe de %1 modifié.</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>Supprimer le compte</translation>
    </message>
    <message>
        <source>Delete account %1 on %2? Whoever uses it (a person or a peer librarian) can no longer sign in.</source>
        <translation>Supprimer le compte %1 sur %2&#xa0;? Quiconque l&apos;utilise (une personne ou un librarian pair) ne pourra plus se connecter.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Account %1 deleted.</source>
        <translation>Compte %1 supprimé.</translation>
    </message>
    <message>
        <source>nothing (a disabled account)</source>
        <translation>rien (un compte désactivé)</translation>
    </message>
    <message>
        <source>search and read</source>
        <translation>chercher et lire</translation>
    </message>
    <message>
        <source>a peer that pushes from here confirms its copies</source>
        <translation>un pair vers lequel on envoie d’ici confirme ses copies</translation>
    </message>
    <message>
        <source>read and add files (a peer that pushes here)</source>
        <translation>lire et ajouter des fichiers (un pair qui envoie ici)</translation>
    </message>
    <message>
        <source>read, add and change files</source>
        <translation>lire, ajouter et modifier des fichiers</translation>
    </message>
    <message>
        <source>everything, including accounts, stores and librarians</source>
        <translation>tout, y compris les comptes, les stockages et les librarians</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Peut</translation>
    </message>
</context>
<context>
    <name>librarian::AddLibrarianDialog</name>
    <message>
        <source>Check the connection first (recommended)</source>
        <translation>Vérifier d&apos;abord la connexion (recommandé)</translation>
    </message>
    <message>
        <source>Add a librarian to %1</source>
        <translation>Ajouter un librarian à %1</translation>
    </message>
    <message>
        <source>the peer&apos;s own name, e.g. destination_librarian</source>
        <translation>le nom propre du pair, p. ex. destination_librarian</translation>
    </message>
    <message>
        <source>account on the peer for %1</source>
        <translation>compte sur le pair pour %1</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL&#xa0;:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port&#xa0;:</translation>
    </message>
    <message>
        <source>User on the peer:</source>
        <translation>Utilisateur sur le pair&#xa0;:</translation>
    </message>
    <message>
        <source>Password on the peer:</source>
        <translation>Mot de passe sur le pair&#xa0;:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Adding and checking the connection…</source>
        <translation>Ajout et vérification de la connexion…</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Ajout…</translation>
    </message>
    <message>
        <source>Give the peer&apos;s name.</source>
        <translation>Indiquez le nom du pair.</translation>
    </message>
    <message>
        <source>The URL must look like http://host or https://host, without a port.</source>
        <translation>L&apos;URL doit avoir la forme http://host ou https://host, sans port.</translation>
    </message>
    <message>
        <source>Give the user name (without &apos;:&apos;) and password of the account on the peer.</source>
        <translation>Indiquez le nom d&apos;utilisateur (sans &apos;:&apos;) et le mot de passe du compte sur le pair.</translation>
    </message>
    <message>
        <source>The connection is gone; connect again.</source>
        <translation>La connexion est perdue&#xa0;; reconnectez-vous.</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>Non ajouté&#xa0;: %1</translation>
    </message>
    <message>
        <source>the server refused.</source>
        <translation>le serveur a refusé.</translation>
    </message>
    <message>
        <source>Librarian %1 added; it answered with the given account.</source>
        <translation>Librarian %1 ajouté&#xa0;; il a répondu avec le compte indiqué.</translation>
    </message>
    <message>
        <source>Librarian %1 added (connection not checked).</source>
        <translation>Librarian %1 ajouté (connexion non vérifiée).</translation>
    </message>
</context>
<context>
    <name>librarian::ChunkSender</name>
    <message>
        <source>Transfer cancelled.</source>
        <translation>Transfert annulé.</translation>
    </message>
    <message>
        <source>The receiver holds %1 bytes of %2, which has only %3.</source>
        <translation>Le destinataire détient %1 octets de %2, qui n&apos;en compte que %3.</translation>
    </message>
    <message>
        <source>The file changed since it was staged; cancel the transfer and start again.</source>
        <translation>Le fichier a changé depuis sa préparation&#xa0;; annulez le transfert et recommencez.</translation>
    </message>
    <message>
        <source>%1 does not match its checksum: expected %2, read %3.</source>
        <translation>%1 ne correspond pas à sa somme de contrôle : attendu %2, lu %3.</translation>
    </message>
    <message>
        <source>This copy is damaged; the receiver refuses it as well.</source>
        <translation>Cette copie est endommagée ; le destinataire la refuse aussi.</translation>
    </message>
</context>
<context>
    <name>librarian::ClientConfig</name>
    <message>
        <source>The client config %1 does not exist.</source>
        <translation>La configuration client %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Write it as docs/cli.md shows, or point LIBRARIAN_CLIENT_CONFIG at one.</source>
        <translation>Rédigez-la comme l&apos;indique docs/cli.md, ou faites pointer LIBRARIAN_CLIENT_CONFIG vers une configuration.</translation>
    </message>
    <message>
        <source>Cannot read the client config %1: %2</source>
        <translation>Impossible de lire la configuration client %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The client config %1 is not a JSON object: %2</source>
        <translation>La configuration client %1 n&apos;est pas un objet JSON&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1: key &apos;connections&apos; must be an object of named connections.</source>
        <translation>%1&#xa0;: la clé &apos;connections&apos; doit être un objet de connexions nommées.</translation>
    </message>
    <message>
        <source>%1: connection &apos;%2&apos;</source>
        <translation>%1&#xa0;: connexion «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>%1: connection &apos;%2&apos;: host must be a URL like http://127.0.0.1 without a port.</source>
        <translation>%1&#xa0;: connexion «&#xa0;%2&#xa0;»&#xa0;: host doit être une URL comme http://127.0.0.1, sans port.</translation>
    </message>
    <message>
        <source>No connection named &apos;%1&apos; in %2.</source>
        <translation>Aucune connexion nommée «&#xa0;%1&#xa0;» dans %2.</translation>
    </message>
    <message>
        <source>The file defines no connections.</source>
        <translation>Le fichier ne définit aucune connexion.</translation>
    </message>
    <message>
        <source>Known connections: %1.</source>
        <translation>Connexions connues&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>librarian::ConnectionDialog</name>
    <message>
        <source>New connection</source>
        <translation>Nouvelle connexion</translation>
    </message>
    <message>
        <source>Edit connection %1</source>
        <translation>Modifier la connexion %1</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>URL du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port&#xa0;:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Saved in the client config shared with the librarian command (owner-only file).</source>
        <translation>Enregistré dans la configuration client partagée avec la commande librarian (fichier réservé au propriétaire).</translation>
    </message>
    <message>
        <source>Give the connection a name.</source>
        <translation>Donnez un nom à la connexion.</translation>
    </message>
    <message>
        <source>A connection named %1 exists already.</source>
        <translation>Une connexion nommée %1 existe déjà.</translation>
    </message>
    <message>
        <source>The server URL must look like http://host, without a port.</source>
        <translation>L&apos;URL du serveur doit avoir la forme http://host, sans port.</translation>
    </message>
    <message>
        <source>Give the user name and password.</source>
        <translation>Indiquez le nom d&apos;utilisateur et le mot de passe.</translation>
    </message>
</context>
<context>
    <name>librarian::DataChannel</name>
    <message>
        <source>no answer in time</source>
        <translation>pas de réponse à temps</translation>
    </message>
    <message>
        <source>Cannot reach the data plane at %1:%2: %3</source>
        <translation>Le plan de données à %1:%2 est injoignable : %3</translation>
    </message>
    <message>
        <source>Check that the server runs and the connection&apos;s host and port.</source>
        <translation>Vérifiez que le serveur tourne, ainsi que l&apos;hôte et le port de la connexion.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>the file ended early</source>
        <translation>le fichier s&apos;est terminé trop tôt</translation>
    </message>
    <message>
        <source>the answer&apos;s head is too long</source>
        <translation>l&apos;en-tête de la réponse est trop long</translation>
    </message>
    <message>
        <source>the answer is not HTTP/1.1 as expected</source>
        <translation>la réponse n&apos;est pas du HTTP/1.1 comme attendu</translation>
    </message>
    <message>
        <source>the connection closed</source>
        <translation>la connexion a été fermée</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
</context>
<context>
    <name>librarian::ErrorsPage</name>
    <message>
        <source>Include cleared</source>
        <translation>Inclure les erreurs acquittées</translation>
    </message>
    <message>
        <source>Clear error</source>
        <translation>Acquitter l&apos;erreur</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Signalée</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Mark the chosen error as dealt with.</source>
        <translation>Marquer l&apos;erreur choisie comme traitée.</translation>
    </message>
    <message>
        <source>%1 (cleared)</source>
        <translation>%1 (acquittée)</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s).</source>
        <translation>
            <numerusform>%n erreur.</numerusform>
            <numerusform>%n erreurs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>librarian::FileUploader</name>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>%1 holds no files: nothing to upload.</source>
        <translation>%1 ne contient aucun fichier&#xa0;: rien à téléverser.</translation>
    </message>
    <message>
        <source>Upload cancelled.</source>
        <translation>Téléversement annulé.</translation>
    </message>
    <message>
        <source>The server did not stage %1.</source>
        <translation>Le serveur n&apos;a pas préparé %1.</translation>
    </message>
    <message>
        <source>Every file of %1 is in the catalogue under %2 already, with the same contents.</source>
        <translation>Chaque fichier de %1 est déjà au catalogue sous %2, avec le même contenu.</translation>
    </message>
    <message>
        <source>File names are permanent; upload under a new name.</source>
        <translation>Les noms de fichiers sont définitifs ; téléversez sous un nouveau nom.</translation>
    </message>
</context>
<context>
    <name>librarian::FilesPage</name>
    <message>
        <source>Created between</source>
        <translation>Créé entre</translation>
    </message>
    <message>
        <source>exact file name, e.g. obs/2026-11-24/scan-0001.dat (empty: any)</source>
        <translation>nom de fichier exact, p. ex. obs/2026-11-24/scan-0001.dat (vide&#xa0;: indifférent)</translation>
    </message>
    <message>
        <source>any</source>
        <translation>indifférent</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Uploader:</source>
        <translation>Téléversé par&#xa0;:</translation>
    </message>
    <message>
        <source>and</source>
        <translation>et</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Uploader</source>
        <translation>Téléversé par</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>Somme de contrôle</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copie</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) found.</source>
        <translation>
            <numerusform>%n fichier trouvé.</numerusform>
            <numerusform>%n fichiers trouvés.</numerusform>
        </translation>
    </message>
    <message>
        <source>instance %1</source>
        <translation>instance %1</translation>
    </message>
    <message>
        <source>available</source>
        <translation>disponible</translation>
    </message>
    <message>
        <source>deleted from disk</source>
        <translation>supprimée du disque</translation>
    </message>
    <message>
        <source>remote instance</source>
        <translation>instance distante</translation>
    </message>
    <message>
        <source>on librarian %1</source>
        <translation>sur le librarian %1</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>confirmée</translation>
    </message>
    <message>
        <source>no copy is known</source>
        <translation>aucune copie connue</translation>
    </message>
</context>
<context>
    <name>librarian::LibrarianClient</name>
    <message>
        <source>no answer in time</source>
        <translation>pas de réponse à temps</translation>
    </message>
    <message>
        <source>Cannot reach librarian at %1: %2</source>
        <translation>Impossible de joindre le librarian à %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Check that the server runs and the connection&apos;s host and port.</source>
        <translation>Vérifiez que le serveur fonctionne, ainsi que l&apos;hôte et le port de la connexion.</translation>
    </message>
    <message>
        <source>The server answered HTTP %1 %2.</source>
        <translation>Le serveur a répondu HTTP %1 %2.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not JSON: %1</source>
        <translation>La réponse du serveur n&apos;est pas du JSON&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>librarian::LibrariansPage</name>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Retirer…</translation>
    </message>
    <message>
        <source>Disable transfers</source>
        <translation>Désactiver les transferts</translation>
    </message>
    <message>
        <source>Pair two librarians…</source>
        <translation>Appairer deux librarians…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Répond</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>Last reached</source>
        <translation>Dernier contact établi</translation>
    </message>
    <message>
        <source>Last heard from</source>
        <translation>Dernier signe de vie</translation>
    </message>
    <message>
        <source>Enable transfers</source>
        <translation>Activer les transferts</translation>
    </message>
    <message>
        <source>Create both accounts and both registrations of two librarians you are ADMIN on.</source>
        <translation>Crée les deux comptes et les deux enregistrements de deux librarians sur lesquels vous êtes ADMIN.</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>non demandé</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>activés</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>désactivés</translation>
    </message>
    <message>
        <source>Remove librarian</source>
        <translation>Retirer le librarian</translation>
    </message>
    <message>
        <source>Remove %1 from %2? Files already sent stay where they are; no more files go to %1 until it is added again.</source>
        <translation>Retirer %1 de %2&#xa0;? Les fichiers déjà envoyés restent où ils sont&#xa0;; plus aucun fichier n&apos;ira vers %1 tant qu&apos;il n&apos;aura pas été ajouté à nouveau.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Also cancel the outgoing transfers to %1</source>
        <translation>Annuler aussi les transferts sortants vers %1</translation>
    </message>
    <message numerus="yes">
        <source>Librarian %1 removed; %n outgoing transfer(s) cancelled.</source>
        <translation>
            <numerusform>Librarian %1 retiré&#xa0;; %n transfert sortant annulé.</numerusform>
            <numerusform>Librarian %1 retiré&#xa0;; %n transferts sortants annulés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Transfers to %1 enabled.</source>
        <translation>Transferts vers %1 activés.</translation>
    </message>
    <message>
        <source>Transfers to %1 disabled.</source>
        <translation>Transferts vers %1 désactivés.</translation>
    </message>
    <message>
        <source>Paired: %1 pushes to %2.</source>
        <translation>Appairage effectué&#xa0;: %1 envoie vers %2.</translation>
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
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Librarians</source>
        <translation>Librarians</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation>&amp;Nouvelle connexion…</translation>
    </message>
    <message>
        <source>Connect &amp;all</source>
        <translation>&amp;Tout connecter</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <source>About Librarian</source>
        <translation>À propos de Librarian</translation>
    </message>
    <message>
        <source>&lt;b&gt;Librarian %1&lt;/b&gt;&lt;p&gt;Operator GUI for a network of librarian servers.&lt;/p&gt;&lt;p&gt;Connections: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;Librarian %1&lt;/b&gt;&lt;p&gt;Interface opérateur pour un réseau de serveurs librarian.&lt;/p&gt;&lt;p&gt;Connexions&#xa0;: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No connections yet: add one with New… (saved to %1).</source>
        <translation>Aucune connexion pour l&apos;instant&#xa0;: ajoutez-en une avec Nouvelle… (enregistrée dans %1).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Connections&lt;/b&gt;</source>
        <translation>&lt;b&gt;Connexions&lt;/b&gt;</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Nouvelle…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <source>Connect all</source>
        <translation>Tout connecter</translation>
    </message>
    <message>
        <source>No connection chosen.</source>
        <translation>Aucune connexion choisie.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconnecter</translation>
    </message>
    <message>
        <source>Librarian: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Librarian&#xa0;: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Signed in as %1, level &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Connecté en tant que %1, niveau &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Connection not saved: %1</source>
        <translation>Connexion non enregistrée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation>Retirer la connexion</translation>
    </message>
    <message>
        <source>Remove connection %1 from the client config? The librarian itself is not touched.</source>
        <translation>Retirer la connexion %1 de la configuration client&#xa0;? Le librarian lui-même n&apos;est pas modifié.</translation>
    </message>
    <message>
        <source>Connection not removed: %1</source>
        <translation>Connexion non retirée&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>librarian::NetworkPage</name>
    <message>
        <source>Refresh every 10 s</source>
        <translation>Actualiser toutes les 10 s</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>&lt;p&gt;Click a librarian to see its details.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Cliquez sur un librarian pour voir ses détails.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>en bon état</translation>
    </message>
    <message>
        <source>errors to look at, transfers disabled, or quiet for an hour</source>
        <translation>erreurs à examiner, transferts désactivés ou silencieux depuis une heure</translation>
    </message>
    <message>
        <source>unreachable or failed transfers today</source>
        <translation>injoignable ou transferts en échec aujourd&apos;hui</translation>
    </message>
    <message>
        <source>not heard from yet</source>
        <translation>pas encore de nouvelles</translation>
    </message>
    <message>
        <source>dashed box: known only through a peer; dashed arrow: transfers disabled</source>
        <translation>cadre en pointillés&#xa0;: connu seulement via un pair&#xa0;; flèche en pointillés&#xa0;: transferts désactivés</translation>
    </message>
    <message numerus="yes">
        <source>Refresh every %n s</source>
        <translation>
            <numerusform>Actualiser toutes les %n s</numerusform>
            <numerusform>Actualiser toutes les %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n librarian(s)</source>
        <translation>
            <numerusform>%n librarian</numerusform>
            <numerusform>%n librarians</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n lien</numerusform>
            <numerusform>%n liens</numerusform>
        </translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Reached through</source>
        <translation>Joint via</translation>
    </message>
    <message>
        <source>no connection of yours</source>
        <translation>aucune de vos connexions</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>Enregistré sur</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>Unresolved errors</source>
        <translation>Erreurs non résolues</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>activés</translation>
    </message>
    <message>
        <source>transfers disabled</source>
        <translation>transferts désactivés</translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed today</source>
        <translation>
            <numerusform>%n en échec aujourd&apos;hui</numerusform>
            <numerusform>%n en échec aujourd&apos;hui</numerusform>
        </translation>
    </message>
    <message>
        <source>pushes to</source>
        <translation>envoie vers</translation>
    </message>
    <message>
        <source>receives from</source>
        <translation>reçoit de</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
</context>
<context>
    <name>librarian::Pairing</name>
    <message>
        <source>Checking ADMIN on %1</source>
        <translation>Vérification des droits ADMIN sur %1</translation>
    </message>
    <message>
        <source>%1 reached as ADMIN: librarian %2</source>
        <translation>%1 joint en tant qu&apos;ADMIN&#xa0;: librarian %2</translation>
    </message>
    <message>
        <source>Pairing</source>
        <translation>Appairage</translation>
    </message>
    <message>
        <source>Both connections reach librarian %1.</source>
        <translation>Les deux connexions aboutissent au librarian %1.</translation>
    </message>
    <message>
        <source>Creating account %1 (CALLBACK) on %2</source>
        <translation>Création du compte %1 (CALLBACK) sur %2</translation>
    </message>
    <message>
        <source>account %1 (CALLBACK) created on %2</source>
        <translation>compte %1 (CALLBACK) créé sur %2</translation>
    </message>
    <message>
        <source>Creating account %1 (READAPPEND) on %2</source>
        <translation>Création du compte %1 (READAPPEND) sur %2</translation>
    </message>
    <message>
        <source>account %1 (READAPPEND) created on %2</source>
        <translation>compte %1 (READAPPEND) créé sur %2</translation>
    </message>
    <message>
        <source>Registering %1 on %2 (connection checked)</source>
        <translation>Enregistrement de %1 sur %2 (connexion vérifiée)</translation>
    </message>
    <message>
        <source>%1 registered on %2; %1 answered</source>
        <translation>%1 enregistré sur %2&#xa0;; %1 a répondu</translation>
    </message>
</context>
<context>
    <name>librarian::PairingWizard</name>
    <message>
        <source>Pair two librarians</source>
        <translation>Appairer deux librarians</translation>
    </message>
    <message>
        <source>Which librarian pushes to which?</source>
        <translation>Quel librarian envoie vers lequel&#xa0;?</translation>
    </message>
    <message>
        <source>Files flow from the first to the second. You need ADMIN on both connections.</source>
        <translation>Les fichiers vont du premier au second. Vous devez être ADMIN sur les deux connexions.</translation>
    </message>
    <message>
        <source>Sends files (source):</source>
        <translation>Envoie les fichiers (source)&#xa0;:</translation>
    </message>
    <message>
        <source>Receives files (destination):</source>
        <translation>Reçoit les fichiers (destination)&#xa0;:</translation>
    </message>
    <message>
        <source>This creates an account for the destination on the source (CALLBACK) and one for the source on the destination (READAPPEND), both with random passwords, and registers each librarian on the other, checking the connection each way. Then add a send_clone task on the source and a receive_clone task on the destination.</source>
        <translation>Cette opération crée un compte pour la destination sur la source (CALLBACK) et un pour la source sur la destination (READAPPEND), tous deux avec des mots de passe aléatoires, puis enregistre chaque librarian auprès de l&apos;autre en vérifiant la connexion dans les deux sens. Ajoutez ensuite une tâche send_clone sur la source et une tâche receive_clone sur la destination.</translation>
    </message>
    <message>
        <source>Pairing</source>
        <translation>Appairage</translation>
    </message>
    <message>
        <source>Each step and its result.</source>
        <translation>Chaque étape et son résultat.</translation>
    </message>
    <message>
        <source>Choose two connections.</source>
        <translation>Choisissez deux connexions.</translation>
    </message>
    <message>
        <source>Choose two different connections.</source>
        <translation>Choisissez deux connexions différentes.</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Terminé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Paired: %1 pushes to %2. Add a send_clone task for %2 on %1 and a receive_clone task on %2, then restart them.</source>
        <translation>Appairage effectué&#xa0;: %1 envoie vers %2. Ajoutez une tâche send_clone pour %2 sur %1 et une tâche receive_clone sur %2, puis redémarrez-les.</translation>
    </message>
    <message>
        <source>Failed: %1 Nothing was left half-made.</source>
        <translation>Échec&#xa0;: %1 Rien n&apos;est resté à moitié fait.</translation>
    </message>
</context>
<context>
    <name>librarian::PeerGraphView</name>
    <message>
        <source>No librarian to show yet: add a connection on the left and connect it.</source>
        <translation>Aucun librarian à afficher pour l’instant : ajoutez une connexion à gauche et connectez-la.</translation>
    </message>
</context>
<context>
    <name>librarian::Session</name>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Signed in to %1 as %2 (%3)</source>
        <translation>Connecté à %1 en tant que %2 (%3)</translation>
    </message>
    <message>
        <source>Check the user name and password of connection %1.</source>
        <translation>Vérifiez le nom d&apos;utilisateur et le mot de passe de la connexion %1.</translation>
    </message>
    <message>
        <source>Connecting was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
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
        <translation>Choisissez une connexion à gauche.</translation>
    </message>
    <message>
        <source>Connect to %1 first.</source>
        <translation>Connectez-vous d&apos;abord à %1.</translation>
    </message>
    <message>
        <source>This needs %1 on %2; account %3 is %4.</source>
        <translation>Cela requiert %1 sur %2&#xa0;; le compte %3 est %4.</translation>
    </message>
</context>
<context>
    <name>librarian::TransfersPage</name>
    <message>
        <source>Any state</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État&#xa0;:</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Pair</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>sortant</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>entrant</translation>
    </message>
    <message numerus="yes">
        <source>%n outgoing and </source>
        <translation>
            <numerusform>Transferts&#xa0;: %n sortant et </numerusform>
            <numerusform>Transferts&#xa0;: %n sortants et </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n incoming transfer(s).</source>
        <translation>
            <numerusform>%n entrant.</numerusform>
            <numerusform>%n entrants.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>librarian::UserDialog</name>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>Reset password of %1</source>
        <translation>Réinitialiser le mot de passe de %1</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Nom d&apos;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Niveau&#xa0;:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>At least 8 characters. A generated password is shown once: copy it now.</source>
        <translation>Au moins 8 caractères. Un mot de passe généré n&apos;est affiché qu&apos;une fois&#xa0;: copiez-le maintenant.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Définir le mot de passe</translation>
    </message>
    <message>
        <source>Give a user name.</source>
        <translation>Indiquez un nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation>Le mot de passe doit comporter au moins 8 caractères.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Operator GUI for a network of librarians: the live network graph, accounts, librarians, files, transfers and errors, over the connections of the client config shared with the librarian command.</source>
        <translation>Interface opérateur pour un réseau de librarians&#xa0;: graphe du réseau en direct, comptes, librarians, fichiers, transferts et erreurs, via les connexions de la configuration client partagée avec la commande librarian.</translation>
    </message>
    <message>
        <source>Language (de, fr, en); default: the system&apos;s.</source>
        <translation>Langue (de, fr, en)&#xa0;; par défaut&#xa0;: celle du système.</translation>
    </message>
    <message>
        <source>Client config (default: LIBRARIAN_CLIENT_CONFIG, else %1).</source>
        <translation>Configuration client (par défaut&#xa0;: LIBRARIAN_CLIENT_CONFIG, sinon %1).</translation>
    </message>
    <message>
        <source>Connect every connection at start.</source>
        <translation>Établir toutes les connexions au démarrage.</translation>
    </message>
    <message>
        <source>Connect all, wait for the network graph, save the window as PNG to &lt;file&gt; and quit.</source>
        <translation>Tout connecter, attendre le graphe du réseau, enregistrer la fenêtre en PNG dans &lt;file&gt; et quitter.</translation>
    </message>
    <message>
        <source>Screenshot saved to</source>
        <translation>Capture d&apos;écran enregistrée dans</translation>
    </message>
    <message>
        <source>Could not write</source>
        <translation>Impossible d&apos;écrire</translation>
    </message>
</context>
</TS>
