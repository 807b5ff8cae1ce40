<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AboutBox</name>
    <message>
        <source>About Anytime Inference Planner</source>
        <translation>Über Anytime Inference Planner</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Anytime Inference Planner</source>
        <translation>Anytime Inference Planner</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1 (erstellt mit %2)</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>BLAS library</source>
        <translation>BLAS-Bibliothek</translation>
    </message>
    <message>
        <source>Parallel backend</source>
        <translation>Parallel-Backend</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>%1 (%2 logical cores)</source>
        <translation>%1 (%2 logische Kerne)</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n Gerät</numerusform>
            <numerusform>%n Geräte</numerusform>
        </translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>Picks, per request deadline, the most accurate inference configuration that still answers on time.</source>
        <translation>Wählt für jede Anfrage-Deadline die genaueste Inferenzkonfiguration, die noch rechtzeitig antwortet.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(alle)</translation>
    </message>
    <message>
        <source>pooled over every condition</source>
        <translation>über alle Bedingungen gepoolt</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number</source>
        <translation>%1: „%2“ ist keine Zahl</translation>
    </message>
    <message>
        <source>%1 (TorchScript file)</source>
        <translation>%1 (TorchScript-Datei)</translation>
    </message>
    <message>
        <source>%1, recipe %2 (%3)</source>
        <translation>%1, Rezept %2 (%3)</translation>
    </message>
    <message>
        <source>no description</source>
        <translation>keine Beschreibung</translation>
    </message>
</context>
<context>
    <name>aip::AblationsPage</name>
    <message>
        <source>Ablations</source>
        <translation>Ablationen</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>Ablation</source>
        <translation>Ablation</translation>
    </message>
    <message>
        <source>No rows of ablation/%1.csv to draw</source>
        <translation>ablation/%1.csv enthält keine Zeilen zum Zeichnen</translation>
    </message>
</context>
<context>
    <name>aip::AccuracyProfileTableModel</name>
    <message>
        <source>with its 95% Wilson score interval</source>
        <translation>mit seinem 95-%-Wilson-Intervall</translation>
    </message>
    <message>
        <source>expected calibration error, 15 equal-width confidence bins</source>
        <translation>erwarteter Kalibrierungsfehler, 15 gleich breite Konfidenzklassen</translation>
    </message>
    <message>
        <source>%1, %2 split of %3</source>
        <translation>%1, %2-Teil von %3</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Accuracy [95% CI]</source>
        <translation>Treffsicherheit [95-%-KI]</translation>
    </message>
    <message>
        <source>Mean confidence</source>
        <translation>Mittlere Konfidenz</translation>
    </message>
    <message>
        <source>ECE</source>
        <translation>ECE</translation>
    </message>
</context>
<context>
    <name>aip::BaselinesPage</name>
    <message>
        <source>Baselines</source>
        <translation>Vergleichsverfahren</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>Deadline set</source>
        <translation>Deadline-Satz</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>Aussagen</translation>
    </message>
    <message>
        <source>Statistical tests</source>
        <translation>Statistische Tests</translation>
    </message>
    <message>
        <source>Policy means</source>
        <translation>Mittelwerte je Strategie</translation>
    </message>
    <message>
        <source>Metric per policy</source>
        <translation>Kennzahl je Strategie</translation>
    </message>
    <message>
        <source>all_results.csv is needed for the chart</source>
        <translation>Für das Diagramm wird all_results.csv benötigt</translation>
    </message>
    <message>
        <source>No run of all_results.csv is in this condition</source>
        <translation>Kein Lauf aus all_results.csv gehört zu dieser Bedingung</translation>
    </message>
</context>
<context>
    <name>aip::CascadeExampleModel</name>
    <message>
        <source>%1 ✗</source>
        <translation>%1 ✗</translation>
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
        <source>%1 (stage 2)</source>
        <translation>%1 (Stufe 2)</translation>
    </message>
    <message>
        <source>%1 (stage 1)</source>
        <translation>%1 (Stufe 1)</translation>
    </message>
    <message>
        <source>right</source>
        <translation>richtig</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Eskaliert</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>Stage-1
confidence</source>
        <translation>Konfidenz
Stufe 1</translation>
    </message>
    <message>
        <source>Stage-1
answer</source>
        <translation>Antwort
Stufe 1</translation>
    </message>
    <message>
        <source>Stage-2
answer</source>
        <translation>Antwort
Stufe 2</translation>
    </message>
    <message>
        <source>Cascade
answer</source>
        <translation>Antwort
Kaskade</translation>
    </message>
</context>
<context>
    <name>aip::CascadePanel</name>
    <message>
        <source>Stage 1 → stage 2: the cascades of models.yaml the tables hold</source>
        <translation>Stufe 1 → Stufe 2: die Kaskaden aus models.yaml, die die Tabellen enthalten</translation>
    </message>
    <message>
        <source>θ: an example escalates to stage 2 when stage 1&apos;s confidence &lt; θ</source>
        <translation>θ: ein Beispiel eskaliert zu Stufe 2, wenn die Konfidenz von Stufe 1 &lt; θ ist</translation>
    </message>
    <message>
        <source>cascade accuracy</source>
        <translation>Treffsicherheit der Kaskade</translation>
    </message>
    <message>
        <source>escalation rate</source>
        <translation>Eskalationsrate</translation>
    </message>
    <message>
        <source>θ the planner chooses from</source>
        <translation>θ, aus denen der Planer wählt</translation>
    </message>
    <message>
        <source>θ (escalate when conf₁ &lt; θ)</source>
        <translation>θ (eskalieren, wenn Konf₁ &lt; θ)</translation>
    </message>
    <message>
        <source>share of test examples</source>
        <translation>Anteil der Testbeispiele</translation>
    </message>
    <message>
        <source>Cascade:</source>
        <translation>Kaskade:</translation>
    </message>
    <message>
        <source>θ:</source>
        <translation>θ:</translation>
    </message>
    <message>
        <source>Test-half examples at θ</source>
        <translation>Beispiele der Testhälfte bei θ</translation>
    </message>
    <message>
        <source>Accuracy and escalation rate over θ</source>
        <translation>Treffsicherheit und Eskalationsrate über θ</translation>
    </message>
    <message>
        <source>No profiles loaded.</source>
        <translation>Keine Profile geladen.</translation>
    </message>
    <message>
        <source>The tables of %1 hold no cascade: models.yaml lists none for this task, or the profiles lack one of its stages (see the notes of the planner&apos;s tables).</source>
        <translation>Die Tabellen von %1 enthalten keine Kaskade: models.yaml nennt keine für diese Aufgabe, oder den Profilen fehlt eine ihrer Stufen (siehe die Hinweise zu den Tabellen des Planers).</translation>
    </message>
    <message>
        <source>Cannot show the cascade: %1</source>
        <translation>Die Kaskade kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>θ = %1: %2 of %3 test-half examples escalate (%4); the cascade answers %5 right: accuracy %6 (stage 1 alone %7, stage 2 alone %8), when stage 2 answers every escalated example in time.</source>
        <translation>θ = %1: %2 von %3 Beispielen der Testhälfte eskalieren (%4); die Kaskade beantwortet %5 richtig: Treffsicherheit %6 (Stufe 1 allein %7, Stufe 2 allein %8), wenn Stufe 2 jedes eskalierte Beispiel rechtzeitig beantwortet.</translation>
    </message>
</context>
<context>
    <name>aip::DatasetBrowser</name>
    <message>
        <source>Browse %1</source>
        <translation>%1 durchsehen</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>kein Modell</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Vorhersagen</translation>
    </message>
    <message>
        <source>Run the chosen model on the examples shown (a job)</source>
        <translation>Das gewählte Modell auf die gezeigten Beispiele anwenden (ein Auftrag)</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Weiter ▶</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Teil:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <source>Load %1 for browsing</source>
        <translation>%1 zum Durchsehen laden</translation>
    </message>
    <message>
        <source>%L1–%L2 of %L3</source>
        <translation>%L1–%L2 von %L3</translation>
    </message>
    <message>
        <source>Predict %1 examples</source>
        <translation>%1 Beispiele vorhersagen</translation>
    </message>
    <message>
        <source>Running %1 on the examples shown…</source>
        <translation>%1 läuft auf den gezeigten Beispielen…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 shown answered right</source>
        <translation>%1: %2 von %3 gezeigten richtig beantwortet</translation>
    </message>
    <message>
        <source>No trained model of this dataset&apos;s task is here: train or import one in the Model zoo dock</source>
        <translation>Hier gibt es kein trainiertes Modell für die Aufgabe dieses Datensatzes: trainieren oder importieren Sie eines im Dock „Modellzoo“</translation>
    </message>
</context>
<context>
    <name>aip::DatasetTableModel</name>
    <message>
        <source>Count dataset examples</source>
        <translation>Beispiele der Datensätze zählen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>zähle…</translation>
    </message>
    <message>
        <source>scan failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 missing</source>
        <translation>%1 fehlt</translation>
    </message>
    <message>
        <source>%1 unreadable</source>
        <translation>%1 nicht lesbar</translation>
    </message>
    <message>
        <source>%1: not found</source>
        <translation>%1: nicht gefunden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 examples from %3</source>
        <translation>%1: %2 Beispiele aus %3</translation>
    </message>
    <message>
        <source>Searched: %1</source>
        <translation>Durchsucht: %1</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Found in</source>
        <translation>Gefunden in</translation>
    </message>
    <message>
        <source>Splits (examples)</source>
        <translation>Teile (Beispiele)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>%1 (image folder)</source>
        <translation>%1 (Bildordner)</translation>
    </message>
</context>
<context>
    <name>aip::DatasetsPanel</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Look for the datasets again and count their examples</source>
        <translation>Datensätze erneut suchen und ihre Beispiele zählen</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <source>Download %1 from
%2
into %3?

%4</source>
        <translation>%1 von
%2
nach %3 herunterladen?

%4</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsehen…</translation>
    </message>
    <message>
        <source>Add image folder…</source>
        <translation>Bildordner hinzufügen…</translation>
    </message>
    <message>
        <source>List a folder of images, FOLDER/[SPLIT/]CLASS/*.png, as a dataset (kept for the next session)</source>
        <translation>Einen Bildordner, ORDNER/[TEIL/]KLASSE/*.png, als Datensatz aufnehmen (bleibt für die nächste Sitzung erhalten)</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>Ordner entfernen</translation>
    </message>
    <message>
        <source>Download %1 from its official source</source>
        <translation>%1 von seiner offiziellen Quelle herunterladen</translation>
    </message>
    <message>
        <source>Download a missing dataset from its official source (%1)</source>
        <translation>Einen fehlenden Datensatz von seiner offiziellen Quelle herunterladen (%1)</translation>
    </message>
    <message>
        <source>Nothing else to download: %1 is being downloaded (see the Jobs dock)</source>
        <translation>Sonst ist nichts herunterzuladen: %1 wird gerade heruntergeladen (siehe Dock „Aufträge“)</translation>
    </message>
    <message>
        <source>Looking for the datasets on the data search path…</source>
        <translation>Suche die Datensätze im Datensuchpfad…</translation>
    </message>
    <message>
        <source>Nothing to download: every dataset with an official source (%1) is installed</source>
        <translation>Nichts herunterzuladen: jeder Datensatz mit offizieller Quelle (%1) ist installiert</translation>
    </message>
    <message>
        <source>Show the examples of %1 with their labels, and a model&apos;s answers</source>
        <translation>Die Beispiele von %1 mit ihren Labels und den Antworten eines Modells zeigen</translation>
    </message>
    <message>
        <source>%1 is not here to browse</source>
        <translation>%1 ist nicht da und kann nicht durchgesehen werden</translation>
    </message>
    <message>
        <source>Select a dataset to browse</source>
        <translation>Einen Datensatz zum Durchsehen auswählen</translation>
    </message>
    <message>
        <source>Take %1 off the list (its files are left alone)</source>
        <translation>%1 von der Liste nehmen (seine Dateien bleiben unberührt)</translation>
    </message>
    <message>
        <source>Select an image folder to take it off the list</source>
        <translation>Einen Bildordner auswählen, um ihn von der Liste zu nehmen</translation>
    </message>
    <message>
        <source>Add image folder</source>
        <translation>Bildordner hinzufügen</translation>
    </message>
    <message>
        <source>Add image folder %1</source>
        <translation>Bildordner %1 hinzufügen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Dataset to download:</source>
        <translation>Herunterzuladender Datensatz:</translation>
    </message>
</context>
<context>
    <name>aip::EvaluateDialog</name>
    <message>
        <source>Evaluate %1</source>
        <translation>%1 bewerten</translation>
    </message>
    <message>
        <source>whole split</source>
        <translation>ganzer Teil</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>Gewichte:</translation>
    </message>
    <message>
        <source>Precisions:</source>
        <translation>Präzisionen:</translation>
    </message>
    <message>
        <source>Max examples:</source>
        <translation>Höchstens Beispiele:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Accuracy of %1 on the %2 split of %3, once per precision. A precision this model or build cannot run shows why.</source>
        <translation>Treffsicherheit von %1 auf dem %2-Teil von %3, einmal je Präzision. Eine Präzision, die dieses Modell oder dieser Build nicht ausführen kann, nennt den Grund.</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Bewerten</translation>
    </message>
</context>
<context>
    <name>aip::ExampleGridModel</name>
    <message>
        <source>#%1 %2
label: %3</source>
        <translation>#%1 %2
Label: %3</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>→ %1 %2%</source>
        <translation>→ %1 %2 %</translation>
    </message>
    <message>
        <source>Example %1: label %2, predicted %3 with confidence %4</source>
        <translation>Beispiel %1: Label %2, vorhergesagt %3 mit Konfidenz %4</translation>
    </message>
    <message>
        <source>Example %1: label %2</source>
        <translation>Beispiel %1: Label %2</translation>
    </message>
</context>
<context>
    <name>aip::FailuresPage</name>
    <message>
        <source>Failures</source>
        <translation>Ausfälle</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Failure analysis</source>
        <translation>Ausfallanalyse</translation>
    </message>
    <message>
        <source>Request timeline</source>
        <translation>Zeitverlauf der Anfragen</translation>
    </message>
    <message>
        <source>Run: policy</source>
        <translation>Lauf: Strategie</translation>
    </message>
    <message>
        <source>workload</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>deadline set</source>
        <translation>Deadline-Satz</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>No rows of failure_analysis.csv to draw</source>
        <translation>failure_analysis.csv enthält keine Zeilen zum Zeichnen</translation>
    </message>
    <message>
        <source>all_results.csv and requests.csv are needed for a timeline</source>
        <translation>Für einen Zeitverlauf werden all_results.csv und requests.csv benötigt</translation>
    </message>
    <message>
        <source>Read the requests of %1 on %2</source>
        <translation>Anfragen von %1 unter %2 lesen</translation>
    </message>
    <message>
        <source>No timeline</source>
        <translation>Kein Zeitverlauf</translation>
    </message>
    <message>
        <source>Show the whole run again (drag to pan, wheel to zoom)</source>
        <translation>Den ganzen Lauf wieder zeigen (Ziehen verschiebt, Mausrad zoomt)</translation>
    </message>
</context>
<context>
    <name>aip::ImportModelDialog</name>
    <message>
        <source>Import TorchScript model</source>
        <translation>TorchScript-Modell importieren</translation>
    </message>
    <message>
        <source>a TorchScript module saved with torch.jit.save</source>
        <translation>ein mit torch.jit.save gespeichertes TorchScript-Modul</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>the file&apos;s name</source>
        <translation>der Name der Datei</translation>
    </message>
    <message>
        <source>%1 (%2×%3×%4)</source>
        <translation>%1 (%2×%3×%4)</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Model id:</source>
        <translation>Modell-ID:</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Mean:</source>
        <translation>Mittelwert:</translation>
    </message>
    <message>
        <source>Std:</source>
        <translation>Std.-Abw.:</translation>
    </message>
    <message>
        <source>The module is loaded and run once on the task&apos;s input shape before it is added to your models.yaml overlay:
%1</source>
        <translation>Das Modul wird geladen und einmal mit der Eingabeform der Aufgabe ausgeführt, bevor es in Ihre models.yaml-Ergänzung aufgenommen wird:
%1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>TorchScript modules (*.pt *.pth);;All files (*)</source>
        <translation>TorchScript-Module (*.pt *.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Std</source>
        <translation>Std.-Abw.</translation>
    </message>
</context>
<context>
    <name>aip::JobListModel</name>
    <message>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>running: %1</source>
        <translation>läuft: %1</translation>
    </message>
</context>
<context>
    <name>aip::JobsPanel</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Ask the selected job to stop at its next checkpoint</source>
        <translation>Den gewählten Auftrag bitten, am nächsten Prüfpunkt anzuhalten</translation>
    </message>
</context>
<context>
    <name>aip::LatencyHistogram</name>
    <message>
        <source>latency of one batch (ms)</source>
        <translation>Latenz eines Batches (ms)</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <source>Latency samples of one configuration: red lines at p50 (dashed), p95 (dash-dot) and p99 (dotted); a frozen comparison in grey outline</source>
        <translation>Latenzmesswerte einer Konfiguration: rote Linien bei p50 (gestrichelt), p95 (Strich-Punkt) und p99 (gepunktet); ein eingefrorener Vergleich grau umrandet</translation>
    </message>
    <message>
        <source>Select a profile, or profile latency, to see its samples</source>
        <translation>Ein Profil wählen oder die Latenz profilieren, um die Messwerte zu sehen</translation>
    </message>
    <message>
        <source>n = %1, p50 %2 ms, p95 %3 ms, p99 %4 ms</source>
        <translation>n = %1, p50 %2 ms, p95 %3 ms, p99 %4 ms</translation>
    </message>
    <message>
        <source>measuring: </source>
        <translation>misst: </translation>
    </message>
    <message>
        <source>%1
%2waiting for samples</source>
        <translation>%1
%2wartet auf Messwerte</translation>
    </message>
    <message>
        <source>%1
%2%3</source>
        <translation>%1
%2%3</translation>
    </message>
    <message>
        <source>frozen %1: %2</source>
        <translation>eingefroren %1: %2</translation>
    </message>
</context>
<context>
    <name>aip::LatencyProfileTableModel</name>
    <message>
        <source>95% confidence interval of the median (order statistics)</source>
        <translation>95-%-Konfidenzintervall des Medians (Ordnungsstatistiken)</translation>
    </message>
    <message>
        <source>ci: the interval got narrow enough; max_samples / max_seconds: a limit of the protocol was hit first</source>
        <translation>ci: das Intervall wurde schmal genug; max_samples / max_seconds: zuerst wurde eine Grenze des Protokolls erreicht</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>p50 ms</source>
        <translation>p50 ms</translation>
    </message>
    <message>
        <source>p95 ms</source>
        <translation>p95 ms</translation>
    </message>
    <message>
        <source>p99 ms</source>
        <translation>p99 ms</translation>
    </message>
    <message>
        <source>Median 95% CI</source>
        <translation>Median 95-%-KI</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Stop reason</source>
        <translation>Abbruchgrund</translation>
    </message>
</context>
<context>
    <name>aip::LiveLatencyView</name>
    <message>
        <source>Freeze</source>
        <translation>Einfrieren</translation>
    </message>
    <message>
        <source>Keep what each histogram shows as a grey overlay, to compare the next configuration with it (%1); press again to drop the overlay</source>
        <translation>Was jedes Histogramm zeigt, als graue Überlagerung behalten, um die nächste Konfiguration damit zu vergleichen (%1); erneut drücken entfernt die Überlagerung</translation>
    </message>
    <message>
        <source>What the overlay holds</source>
        <translation>Was die Überlagerung enthält</translation>
    </message>
    <message>
        <source>%1: select a profile on this device, or profile latency</source>
        <translation>%1: ein Profil auf diesem Gerät wählen oder die Latenz profilieren</translation>
    </message>
    <message>
        <source>Histograms per device; freeze one state to overlay the next on it</source>
        <translation>Histogramme je Gerät; einen Stand einfrieren, um den nächsten darüberzulegen</translation>
    </message>
    <message>
        <source>Frozen: nothing was shown yet</source>
        <translation>Eingefroren: bisher wurde nichts gezeigt</translation>
    </message>
    <message>
        <source>Frozen (grey): %1</source>
        <translation>Eingefroren (grau): %1</translation>
    </message>
</context>
<context>
    <name>aip::MainWindow</name>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Planner playground</source>
        <translation>Planer-Spielwiese</translation>
    </message>
    <message>
        <source>Baselines</source>
        <translation>Vergleichsverfahren</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>Pareto</translation>
    </message>
    <message>
        <source>Ablations</source>
        <translation>Ablationen</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Ausfälle</translation>
    </message>
    <message>
        <source>Workloads</source>
        <translation>Lasten</translation>
    </message>
    <message>
        <source>Datasets</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Model zoo</source>
        <translation>Modellzoo</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Run pipeline</source>
        <translation>Pipeline ausführen</translation>
    </message>
    <message>
        <source>Jobs queued or running; the Jobs dock lists them</source>
        <translation>Wartende oder laufende Aufträge; das Dock „Aufträge“ listet sie auf</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Jobs running: %1</source>
        <translation>Laufende Aufträge: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open results folder…</source>
        <translation>Ergebnisordner ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open results folder</source>
        <translation>Ergebnisordner öffnen</translation>
    </message>
    <message>
        <source>Choose the results folder every page reads and writes</source>
        <translation>Den Ergebnisordner wählen, den jede Seite liest und schreibt</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>Bericht &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export the report into</source>
        <translation>Bericht exportieren nach</translation>
    </message>
    <message>
        <source>Write the results folder&apos;s report (CSVs, figures, report.html) into a folder</source>
        <translation>Den Bericht des Ergebnisordners (CSVs, Abbildungen, report.html) in einen Ordner schreiben</translation>
    </message>
    <message>
        <source>Run &amp;pipeline</source>
        <translation>&amp;Pipeline ausführen</translation>
    </message>
    <message>
        <source>&amp;Quick protocol</source>
        <translation>&amp;Schnelles Protokoll</translation>
    </message>
    <message>
        <source>Run the quick protocol&apos;s pipeline into the results folder</source>
        <translation>Die Pipeline des schnellen Protokolls in den Ergebnisordner ausführen</translation>
    </message>
    <message>
        <source>&amp;Full protocol</source>
        <translation>&amp;Vollständiges Protokoll</translation>
    </message>
    <message>
        <source>Run the full protocol&apos;s pipeline into the results folder</source>
        <translation>Die Pipeline des vollständigen Protokolls in den Ergebnisordner ausführen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close the window (its layout is kept)</source>
        <translation>Das Fenster schließen (seine Anordnung bleibt erhalten)</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>Werkbank</translation>
    </message>
    <message>
        <source>Run the whole pipeline into the results folder (Quick or Full protocol: %1, %2); a later run resumes</source>
        <translation>Die ganze Pipeline in den Ergebnisordner ausführen (schnelles oder vollständiges Protokoll: %1, %2); ein späterer Lauf setzt fort</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Reload page</source>
        <translation>Seite &amp;neu laden</translation>
    </message>
    <message>
        <source>Read the current page&apos;s files again</source>
        <translation>Die Dateien der aktuellen Seite erneut lesen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Über</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Show the %1 page</source>
        <translation>Die Seite %1 zeigen</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>&amp;Nächste Seite</translation>
    </message>
    <message>
        <source>Show the next page</source>
        <translation>Die nächste Seite zeigen</translation>
    </message>
    <message>
        <source>&amp;Previous page</source>
        <translation>&amp;Vorherige Seite</translation>
    </message>
    <message>
        <source>Show the previous page</source>
        <translation>Die vorherige Seite zeigen</translation>
    </message>
    <message>
        <source>%1 — Anytime Inference Planner</source>
        <translation>%1 — Anytime Inference Planner</translation>
    </message>
    <message>
        <source>Results folder: %1</source>
        <translation>Ergebnisordner: %1</translation>
    </message>
    <message>
        <source>Export the report of %1 into %2</source>
        <translation>Bericht von %1 nach %2 exportieren</translation>
    </message>
    <message>
        <source>Exporting the report into %1 …</source>
        <translation>Bericht wird nach %1 exportiert …</translation>
    </message>
    <message>
        <source>Report written: %1 (%2 files%3)</source>
        <translation>Bericht geschrieben: %1 (%2 Dateien%3)</translation>
    </message>
    <message>
        <source>; %1 left out</source>
        <translation>; %1 ausgelassen</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>aip::ModelZooModel</name>
    <message>
        <source>%1 is not on the data search path: %2</source>
        <translation>%1 ist nicht im Datensuchpfad: %2</translation>
    </message>
    <message>
        <source>%1
    trained for %2</source>
        <translation>%1
    trainiert für %2</translation>
    </message>
    <message>
        <source>Not trained yet: no %1/recipe-&lt;digest&gt;.pt on the data search path (%2).
Train it with: anytime-planner --batch train --model %3, or run a protocol&apos;s pipeline that sweeps it</source>
        <translation>Noch nicht trainiert: kein %1/recipe-&lt;digest&gt;.pt im Datensuchpfad (%2).
Trainieren mit: anytime-planner --batch train --model %3, oder die Pipeline eines Protokolls ausführen, das es durchläuft</translation>
    </message>
    <message>
        <source>1 model</source>
        <translation>1 Modell</translation>
    </message>
    <message>
        <source>%1 models</source>
        <translation>%1 Modelle</translation>
    </message>
    <message>
        <source>Task %1 on dataset %2</source>
        <translation>Aufgabe %1 auf Datensatz %2</translation>
    </message>
    <message>
        <source>file found</source>
        <translation>Datei gefunden</translation>
    </message>
    <message>
        <source>file missing</source>
        <translation>Datei fehlt</translation>
    </message>
    <message>
        <source>trained (%1 recipes)</source>
        <translation>trainiert (%1 Rezepte)</translation>
    </message>
    <message>
        <source>trained</source>
        <translation>trainiert</translation>
    </message>
    <message>
        <source>not trained</source>
        <translation>nicht trainiert</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
</context>
<context>
    <name>aip::ModelZooPanel</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Read models.yaml again and look for checkpoints and files</source>
        <translation>models.yaml erneut lesen und nach Checkpoints und Dateien suchen</translation>
    </message>
    <message>
        <source>Train…</source>
        <translation>Trainieren…</translation>
    </message>
    <message>
        <source>Evaluate…</source>
        <translation>Bewerten…</translation>
    </message>
    <message>
        <source>Import TorchScript…</source>
        <translation>TorchScript importieren…</translation>
    </message>
    <message>
        <source>Add a TorchScript module to the zoo (your models.yaml overlay)</source>
        <translation>Ein TorchScript-Modul in den Zoo aufnehmen (Ihre models.yaml-Ergänzung)</translation>
    </message>
    <message>
        <source>Remove checkpoint</source>
        <translation>Checkpoint entfernen</translation>
    </message>
    <message>
        <source>Select a model of the zoo first</source>
        <translation>Zuerst ein Modell des Zoos auswählen</translation>
    </message>
    <message>
        <source>Train %1 with its models.yaml preset, or values of your own</source>
        <translation>%1 mit der Voreinstellung aus models.yaml oder eigenen Werten trainieren</translation>
    </message>
    <message>
        <source>%1 is an imported TorchScript module: it comes trained</source>
        <translation>%1 ist ein importiertes TorchScript-Modul: es ist bereits trainiert</translation>
    </message>
    <message>
        <source>%1 is being trained (see the Jobs dock)</source>
        <translation>%1 wird gerade trainiert (siehe Dock „Aufträge“)</translation>
    </message>
    <message>
        <source>Accuracy of %1 on its task&apos;s evaluation split, per precision</source>
        <translation>Treffsicherheit von %1 auf dem Auswertungsteil seiner Aufgabe, je Präzision</translation>
    </message>
    <message>
        <source>%1 is not trained yet: Train it first</source>
        <translation>%1 ist noch nicht trainiert: zuerst trainieren</translation>
    </message>
    <message>
        <source>The TorchScript file of %1 is not found</source>
        <translation>Die TorchScript-Datei von %1 wurde nicht gefunden</translation>
    </message>
    <message>
        <source>Delete the checkpoints of %1 in the user data folder</source>
        <translation>Die Checkpoints von %1 im Benutzerdatenordner löschen</translation>
    </message>
    <message>
        <source>An imported TorchScript model has no checkpoint</source>
        <translation>Ein importiertes TorchScript-Modell hat keinen Checkpoint</translation>
    </message>
    <message>
        <source>The checkpoints of %1 are outside the user data folder (on the data search path); they are not removed from here</source>
        <translation>Die Checkpoints von %1 liegen außerhalb des Benutzerdatenordners (im Datensuchpfad); sie werden von hier aus nicht entfernt</translation>
    </message>
    <message>
        <source>%1 has no checkpoint</source>
        <translation>%1 hat keinen Checkpoint</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Train %1</source>
        <translation>%1 trainieren</translation>
    </message>
    <message>
        <source>Training %1</source>
        <translation>Trainiere %1</translation>
    </message>
    <message>
        <source>Evaluate %1</source>
        <translation>%1 bewerten</translation>
    </message>
    <message>
        <source>%1 on %2/%3%4</source>
        <translation>%1 auf %2/%3%4</translation>
    </message>
    <message>
        <source>, first %L1 examples</source>
        <translation>, erste %L1 Beispiele</translation>
    </message>
    <message>
        <source>Evaluating %1…</source>
        <translation>Bewerte %1…</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>Bewertung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <source>Import of %1</source>
        <translation>Import von %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n checkpoint(s) of %1?</source>
        <translation>
            <numerusform>%n Checkpoint von %1 löschen?</numerusform>
            <numerusform>%n Checkpoints von %1 löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>These files and their recipe descriptions are deleted; the model must be trained again before it can be evaluated or profiled:
%1</source>
        <translation>Diese Dateien und ihre Rezeptbeschreibungen werden gelöscht; das Modell muss neu trainiert werden, bevor es bewertet oder profiliert werden kann:
%1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove checkpoints of %1</source>
        <translation>Checkpoints von %1 entfernen</translation>
    </message>
    <message>
        <source>Removing the checkpoints of %1</source>
        <translation>Entferne die Checkpoints von %1</translation>
    </message>
    <message>
        <source>Remove import</source>
        <translation>Import entfernen</translation>
    </message>
    <message>
        <source>Take %1 off your models.yaml overlay (its file is left alone)</source>
        <translation>%1 aus Ihrer models.yaml-Ergänzung nehmen (seine Datei bleibt unberührt)</translation>
    </message>
    <message>
        <source>%1 comes with the shipped models.yaml; only imported models are taken off the zoo</source>
        <translation>%1 gehört zur mitgelieferten models.yaml; nur importierte Modelle werden aus dem Zoo genommen</translation>
    </message>
    <message>
        <source>Take %1 off the zoo?</source>
        <translation>%1 aus dem Zoo nehmen?</translation>
    </message>
    <message>
        <source>Its entry in %1 is removed; the TorchScript file stays:
%2</source>
        <translation>Sein Eintrag in %1 wird entfernt; die TorchScript-Datei bleibt:
%2</translation>
    </message>
    <message>
        <source>Remove import %1</source>
        <translation>Import %1 entfernen</translation>
    </message>
    <message>
        <source>Removing the import %1</source>
        <translation>Entferne den Import %1</translation>
    </message>
</context>
<context>
    <name>aip::ParetoDecisionPlot</name>
    <message>
        <source>tail latency of one batch (ms, log scale)</source>
        <translation>Tail-Latenz eines Batches (ms, logarithmisch)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Treffsicherheit</translation>
    </message>
    <message>
        <source>configurations</source>
        <translation>Konfigurationen</translation>
    </message>
    <message>
        <source>cascades</source>
        <translation>Kaskaden</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>gewählt</translation>
    </message>
    <message>
        <source> deadline %1 ms</source>
        <translation> Deadline %1 ms</translation>
    </message>
    <message>
        <source>deadline %1 ms </source>
        <translation>Deadline %1 ms </translation>
    </message>
</context>
<context>
    <name>aip::ParetoPage</name>
    <message>
        <source>Pareto</source>
        <translation>Pareto</translation>
    </message>
    <message>
        <source>Axis</source>
        <translation>Achse</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation>p95-Latenz</translation>
    </message>
    <message>
        <source>cost per 1,000 requests</source>
        <translation>Kosten je 1.000 Anfragen</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Strategien</translation>
    </message>
    <message>
        <source>Pareto frontiers</source>
        <translation>Pareto-Fronten</translation>
    </message>
    <message>
        <source>Hypervolume</source>
        <translation>Hypervolumen</translation>
    </message>
    <message>
        <source>(pooled)</source>
        <translation>(gepoolt)</translation>
    </message>
    <message>
        <source>pareto_analysis.csv is needed for the frontiers</source>
        <translation>Für die Fronten wird pareto_analysis.csv benötigt</translation>
    </message>
    <message>
        <source>all_results.csv is needed for the frontiers of one condition</source>
        <translation>Für die Fronten einer Bedingung wird all_results.csv benötigt</translation>
    </message>
    <message>
        <source>Every policy is hidden: choose some under Policies</source>
        <translation>Alle Strategien sind ausgeblendet: einige unter „Strategien“ wählen</translation>
    </message>
    <message>
        <source>p95 %1 ms</source>
        <translation>p95 %1 ms</translation>
    </message>
    <message>
        <source>cost %1 per 1k</source>
        <translation>Kosten %1 je 1.000</translation>
    </message>
    <message>
        <source>%1: hit rate %2, accuracy %3, p95 %4 ms, cost %5 per 1k</source>
        <translation>%1: Trefferquote %2, Treffsicherheit %3, p95 %4 ms, Kosten %5 je 1.000</translation>
    </message>
    <message>
        <source>and %1 more runs at this point</source>
        <translation>und %1 weitere Läufe an diesem Punkt</translation>
    </message>
    <message>
        <source>Choose which policies the frontiers show</source>
        <translation>Wählen, welche Strategien die Fronten zeigen</translation>
    </message>
</context>
<context>
    <name>aip::PipelinePanel</name>
    <message>
        <source>Run pipeline</source>
        <translation>Pipeline ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Quick</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Vollständig</translation>
    </message>
    <message>
        <source>Quick: experimental_protocol_quick.yaml (Fashion-MNIST, offline, minutes); Full: experimental_protocol.yaml (hours)</source>
        <translation>Schnell: experimental_protocol_quick.yaml (Fashion-MNIST, offline, Minuten); Vollständig: experimental_protocol.yaml (Stunden)</translation>
    </message>
    <message>
        <source>Results folder: %1</source>
        <translation>Ergebnisordner: %1</translation>
    </message>
    <message>
        <source>Pipeline (%1) into %2</source>
        <translation>Pipeline (%1) nach %2</translation>
    </message>
    <message>
        <source>quick</source>
        <translation>schnell</translation>
    </message>
    <message>
        <source>full</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>Running the %1 pipeline into %2 …</source>
        <translation>Pipeline (%1) läuft nach %2 …</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled. Run again to resume from the first stage that is not up to date.</source>
        <translation>Abgebrochen. Ein neuer Lauf setzt bei der ersten nicht aktuellen Stufe fort.</translation>
    </message>
    <message>
        <source>Done: %1 stages run, %2 up to date.</source>
        <translation>Fertig: %1 Stufen ausgeführt, %2 aktuell.</translation>
    </message>
    <message>
        <source>Cancelling at the next checkpoint …</source>
        <translation>Abbruch am nächsten Prüfpunkt …</translation>
    </message>
    <message>
        <source>ETA unknown</source>
        <translation>Restzeit unbekannt</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Restzeit %1</translation>
    </message>
    <message>
        <source>ETA over %1 (%2 stages never ran here)</source>
        <translation>Restzeit über %1 (%2 Stufen liefen hier noch nie)</translation>
    </message>
    <message>
        <source>Run every stage that is not up to date into the results folder, in order</source>
        <translation>Jede nicht aktuelle Stufe der Reihe nach in den Ergebnisordner ausführen</translation>
    </message>
    <message>
        <source>Stop the run at the next checkpoint; a later run resumes from there</source>
        <translation>Den Lauf am nächsten Prüfpunkt anhalten; ein späterer Lauf setzt dort fort</translation>
    </message>
</context>
<context>
    <name>aip::PipelineStageModel</name>
    <message>
        <source>not run</source>
        <translation>nicht ausgeführt</translation>
    </message>
    <message>
        <source>recorded (took %1)</source>
        <translation>aufgezeichnet (dauerte %1)</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running %1%</source>
        <translation>läuft %1 %</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>done in %1</source>
        <translation>fertig in %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>aip::PlannerPlaygroundPage</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Tail latency:</source>
        <translation>Tail-Latenz:</translation>
    </message>
    <message>
        <source>Read the folder&apos;s profiles and build the planner&apos;s tables again</source>
        <translation>Die Profile des Ordners lesen und die Tabellen des Planers neu aufbauen</translation>
    </message>
    <message>
        <source>The request&apos;s deadline, log scale from %1 to %2 ms</source>
        <translation>Die Deadline der Anfrage, logarithmisch von %1 bis %2 ms</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Requests waiting, the one being planned for included; more than 8 that no entry serves within the deadline is a load spike</source>
        <translation>Wartende Anfragen, die geplante eingeschlossen; mehr als 8, die kein Eintrag innerhalb der Deadline bedient, sind eine Lastspitze</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>Queue length:</source>
        <translation>Warteschlangenlänge:</translation>
    </message>
    <message>
        <source>The planner&apos;s choice</source>
        <translation>Die Wahl des Planers</translation>
    </message>
    <message>
        <source>Entry:</source>
        <translation>Eintrag:</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>Urteil:</translation>
    </message>
    <message>
        <source>Accuracy:</source>
        <translation>Treffsicherheit:</translation>
    </message>
    <message>
        <source>Mean latency:</source>
        <translation>Mittlere Latenz:</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <source>Cascade:</source>
        <translation>Kaskade:</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Begründung:</translation>
    </message>
    <message>
        <source>All entries, the Pareto front and the deadline</source>
        <translation>Alle Einträge, die Pareto-Front und die Deadline</translation>
    </message>
    <message>
        <source>Build the planner&apos;s tables from %1</source>
        <translation>Tabellen des Planers aus %1 aufbauen</translation>
    </message>
    <message>
        <source>Cannot plan over the profiles of %1:
%2</source>
        <translation>Mit den Profilen von %1 kann nicht geplant werden:
%2</translation>
    </message>
    <message>
        <source>Loading the profiles was cancelled.</source>
        <translation>Das Laden der Profile wurde abgebrochen.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Loading the profiles…</source>
        <translation>Profile werden geladen…</translation>
    </message>
    <message>
        <source>No profiles loaded.</source>
        <translation>Keine Profile geladen.</translation>
    </message>
    <message>
        <source>Nothing fits: the highest-throughput entry drains the queue behind the late head (best effort)</source>
        <translation>Nichts passt: der Eintrag mit dem höchsten Durchsatz leert die Warteschlange hinter der verspäteten ersten Anfrage (bestmöglich)</translation>
    </message>
    <message>
        <source>Load spike: the highest-throughput entry that fits drains the queue</source>
        <translation>Lastspitze: der passende Eintrag mit dem höchsten Durchsatz leert die Warteschlange</translation>
    </message>
    <message>
        <source>Best effort: no tail fits %1 ms, so the entry likeliest to answer correctly in time runs; it may be late</source>
        <translation>Bestmöglich: kein Tail passt in %1 ms, also läuft der Eintrag, der am ehesten rechtzeitig richtig antwortet; er kann zu spät sein</translation>
    </message>
    <message>
        <source>Fits: the most accurate entry whose tail is within %1 ms</source>
        <translation>Passt: der genaueste Eintrag, dessen Tail innerhalb von %1 ms liegt</translation>
    </message>
    <message>
        <source>Tail latency (quantile %1):</source>
        <translation>Tail-Latenz (Quantil %1):</translation>
    </message>
    <message>
        <source>%1 ms (stage 1 %2 + stage 2 %3)</source>
        <translation>%1 ms (Stufe 1 %2 + Stufe 2 %3)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 (takes %2 of the %3 waiting)</source>
        <translation>%1 (nimmt %2 der %3 wartenden)</translation>
    </message>
    <message>
        <source>θ = %1: stage 2 %2 when confidence &lt; θ (%3 of items)</source>
        <translation>θ = %1: Stufe 2 %2, wenn Konfidenz &lt; θ (%3 der Elemente)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Cascade</source>
        <translation>Kaskade</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
</context>
<context>
    <name>aip::PrecisionAccuracyModel</name>
    <message>
        <source>%L1 / %L2</source>
        <translation>%L1 / %L2</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Treffsicherheit</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>aip::ProfilesPage</name>
    <message>
        <source>Profile latency</source>
        <translation>Latenz profilieren</translation>
    </message>
    <message>
        <source>Profile accuracy</source>
        <translation>Treffsicherheit profilieren</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Measure every configuration of the protocol&apos;s sweep (the profile-latency stage)</source>
        <translation>Jede Konfiguration des Protokolldurchlaufs messen (die Stufe profile-latency)</translation>
    </message>
    <message>
        <source>Score every (model, precision) of the sweep on its evaluation split (the profile-accuracy stage)</source>
        <translation>Jedes (Modell, Präzision) des Durchlaufs auf seinem Auswertungsteil bewerten (die Stufe profile-accuracy)</translation>
    </message>
    <message>
        <source>Read the folder&apos;s profile files again</source>
        <translation>Die Profildateien des Ordners erneut lesen</translation>
    </message>
    <message>
        <source>One row per configuration; select one to draw its samples</source>
        <translation>Eine Zeile je Konfiguration; eine wählen, um ihre Messwerte zu zeichnen</translation>
    </message>
    <message>
        <source>One row per (model, precision) on its evaluation split</source>
        <translation>Eine Zeile je (Modell, Präzision) auf ihrem Auswertungsteil</translation>
    </message>
    <message>
        <source>Latency profiles (latency_profiles.csv)</source>
        <translation>Latenzprofile (latency_profiles.csv)</translation>
    </message>
    <message>
        <source>Accuracy profiles (accuracy_profiles.csv)</source>
        <translation>Treffsicherheitsprofile (accuracy_profiles.csv)</translation>
    </message>
    <message>
        <source>Latency samples per device</source>
        <translation>Latenzmesswerte je Gerät</translation>
    </message>
    <message>
        <source>Read profiles in %1</source>
        <translation>Profile in %1 lesen</translation>
    </message>
    <message>
        <source>%1 (%2 protocol) into %3</source>
        <translation>%1 (Protokoll %2) nach %3</translation>
    </message>
    <message>
        <source>quick</source>
        <translation>schnell</translation>
    </message>
    <message>
        <source>full</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>Waiting for the first latency sample…</source>
        <translation>Warte auf den ersten Latenzmesswert…</translation>
    </message>
    <message>
        <source>No latency samples were measured</source>
        <translation>Es wurden keine Latenzmesswerte gemessen</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 was cancelled; the files were not changed.</source>
        <translation>%1 wurde abgebrochen; die Dateien blieben unverändert.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>aip::ProfilesSnapshot</name>
    <message>
        <source>Some profiles of %1 could not be shown:
%2</source>
        <translation>Einige Profile von %1 konnten nicht angezeigt werden:
%2</translation>
    </message>
    <message>
        <source>%1 not found — run %2</source>
        <translation>%1 nicht gefunden — %2 ausführen</translation>
    </message>
    <message>
        <source>the folder does not exist yet — run Profile latency and Profile accuracy</source>
        <translation>den Ordner gibt es noch nicht — „Latenz profilieren“ und „Treffsicherheit profilieren“ ausführen</translation>
    </message>
    <message>
        <source>Profile latency</source>
        <translation>Latenz profilieren</translation>
    </message>
    <message>
        <source>Profile accuracy</source>
        <translation>Treffsicherheit profilieren</translation>
    </message>
</context>
<context>
    <name>aip::ReplayPanel</name>
    <message>
        <source>Simulate</source>
        <translation>Simulieren</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Simulate the policy on the protocol&apos;s trace, as anytime-planner --batch simulate does (a job: see the Jobs dock)</source>
        <translation>Die Strategie auf dem Trace des Protokolls simulieren, wie es anytime-planner --batch simulate tut (ein Auftrag: siehe Dock „Aufträge“)</translation>
    </message>
    <message>
        <source>Click a request on the timeline (or a row of the table) to see the decision that served it.</source>
        <translation>Eine Anfrage auf der Zeitleiste (oder eine Zeile der Tabelle) anklicken, um die Entscheidung zu sehen, die sie bediente.</translation>
    </message>
    <message>
        <source>Policy:</source>
        <translation>Strategie:</translation>
    </message>
    <message>
        <source>Workload:</source>
        <translation>Last:</translation>
    </message>
    <message>
        <source>Deadlines:</source>
        <translation>Deadlines:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>The decision that served the selected request</source>
        <translation>Die Entscheidung, die die gewählte Anfrage bediente</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Choose a run and press Simulate.</source>
        <translation>Einen Lauf wählen und „Simulieren“ drücken.</translation>
    </message>
    <message>
        <source>No profiles loaded.</source>
        <translation>Keine Profile geladen.</translation>
    </message>
    <message>
        <source>Simulate %1 on %2/%3 seed %4</source>
        <translation>%1 auf %2/%3 mit Seed %4 simulieren</translation>
    </message>
    <message>
        <source>Simulating…</source>
        <translation>Simuliere…</translation>
    </message>
    <message>
        <source>%1 on %2/%3 seed %4: %5 requests, %6 batches; hit rate %7%, accuracy %8%, effective accuracy %9%, escalation %10%, p95 %11 ms.</source>
        <translation>%1 auf %2/%3 mit Seed %4: %5 Anfragen, %6 Batches; Trefferquote %7 %, Treffsicherheit %8 %, effektive Treffsicherheit %9 %, Eskalation %10 %, p95 %11 ms.</translation>
    </message>
    <message>
        <source>Request %1: arrived at %2 ms with a deadline of %3 ms; %4.</source>
        <translation>Anfrage %1: eingetroffen bei %2 ms mit einer Deadline von %3 ms; %4.</translation>
    </message>
    <message>
        <source>never answered</source>
        <translation>nie beantwortet</translation>
    </message>
    <message>
        <source>answered in %1 ms, on time</source>
        <translation>beantwortet in %1 ms, rechtzeitig</translation>
    </message>
    <message>
        <source>answered in %1 ms, late</source>
        <translation>beantwortet in %1 ms, zu spät</translation>
    </message>
    <message>
        <source>Served by %1 (batch of %2, %3 filled), starting at %4 ms%5; the answer was %6.</source>
        <translation>Bedient von %1 (Batch mit %2, %3 gefüllt), Start bei %4 ms%5; die Antwort war %6.</translation>
    </message>
    <message>
        <source>, escalated to stage 2</source>
        <translation>, eskaliert zu Stufe 2</translation>
    </message>
    <message>
        <source>right</source>
        <translation>richtig</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>%1 is a hindsight bound: it takes no decisions to explain.</source>
        <translation>%1 ist eine Schranke im Nachhinein: sie trifft keine Entscheidungen, die zu erklären wären.</translation>
    </message>
    <message>
        <source>It never started: no decision served it.</source>
        <translation>Sie begann nie: keine Entscheidung bediente sie.</translation>
    </message>
    <message>
        <source>Decision %1 of %2, at %3 ms: %4 waiting, the head&apos;s budget %5 ms, arrivals at %6 per s; %7 chose %8, taking %9.</source>
        <translation>Entscheidung %1 von %2, bei %3 ms: %4 wartend, Budget der ersten %5 ms, Ankünfte %6 pro s; %7 wählte %8 und nahm %9 davon.</translation>
    </message>
    <message>
        <source>The CascadePlanner, asked in the same state, would choose %1:</source>
        <translation>Der CascadePlanner würde im selben Zustand %1 wählen:</translation>
    </message>
    <message>
        <source>What the planner considered and why:</source>
        <translation>Was der Planer erwog und warum:</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Replay the trace in real time on the real models (the weights the folder&apos;s profiles measured), as anytime-planner --batch simulate --live does; it takes as long as the trace lasts. The hindsight bounds cannot run live.</source>
        <translation>Den Trace in Echtzeit auf den echten Modellen wiedergeben (den Gewichten, die die Profile des Ordners gemessen haben), wie es anytime-planner --batch simulate --live tut; das dauert so lange wie der Trace. Die Schranken im Nachhinein können nicht live laufen.</translation>
    </message>
    <message>
        <source>Replay live</source>
        <translation>Live wiedergeben</translation>
    </message>
    <message>
        <source>Replay %1 live on %2/%3 seed %4</source>
        <translation>%1 live auf %2/%3 mit Seed %4 wiedergeben</translation>
    </message>
    <message>
        <source>Replaying live on the real models…</source>
        <translation>Gebe live auf den echten Modellen wieder…</translation>
    </message>
    <message>
        <source>Cannot replay: %1</source>
        <translation>Wiedergabe nicht möglich: %1</translation>
    </message>
    <message>
        <source>The replay was cancelled.</source>
        <translation>Die Wiedergabe wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1, live</source>
        <translation>%1, live</translation>
    </message>
</context>
<context>
    <name>aip::ReplayRequestModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>unanswered</source>
        <translation>unbeantwortet</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Arrival (ms)</source>
        <translation>Ankunft (ms)</translation>
    </message>
    <message>
        <source>Deadline (ms)</source>
        <translation>Deadline (ms)</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Start (ms)</source>
        <translation>Start (ms)</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Stage 2</source>
        <translation>Stufe 2</translation>
    </message>
    <message>
        <source>Hit</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
</context>
<context>
    <name>aip::ReplayTimeline</name>
    <message>
        <source>latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>hit</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>miss (late)</source>
        <translation>verfehlt (zu spät)</translation>
    </message>
    <message>
        <source>unanswered (top row)</source>
        <translation>unbeantwortet (oberste Reihe)</translation>
    </message>
    <message>
        <source>stage 2 ran</source>
        <translation>Stufe 2 lief</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>gewählt</translation>
    </message>
    <message>
        <source>queue length</source>
        <translation>Warteschlangenlänge</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>batch (stage 1)</source>
        <translation>Batch (Stufe 1)</translation>
    </message>
    <message>
        <source>escalated items (stage 2)</source>
        <translation>eskalierte Elemente (Stufe 2)</translation>
    </message>
    <message>
        <source>time (s); wheel zooms, drag pans</source>
        <translation>Zeit (s); Mausrad zoomt, Ziehen verschiebt</translation>
    </message>
</context>
<context>
    <name>aip::ReportPage</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Read the results folder&apos;s files again</source>
        <translation>Die Dateien des Ergebnisordners erneut lesen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>Bild speichern…</translation>
    </message>
    <message>
        <source>Read the %1 page&apos;s files in %2</source>
        <translation>Dateien der Seite %1 in %2 lesen</translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation>Das Lesen wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-Datei (*.csv)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Write one of the page&apos;s tables, as shown, to a CSV file</source>
        <translation>Eine Tabelle der Seite, wie angezeigt, in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <source>Save one of the page&apos;s figures as PNG, SVG or PDF</source>
        <translation>Eine Abbildung der Seite als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Show only the rows of the chosen %1</source>
        <translation>Nur die Zeilen der gewählten Auswahl „%1“ zeigen</translation>
    </message>
</context>
<context>
    <name>aip::ReportSnapshot</name>
    <message>
        <source>%1 not found — run the %2 stage</source>
        <translation>%1 nicht gefunden — die Stufe %2 ausführen</translation>
    </message>
    <message>
        <source>%1 does not exist — run the pipeline into it</source>
        <translation>%1 existiert nicht — die Pipeline dorthin ausführen</translation>
    </message>
    <message>
        <source>the claims could not be evaluated: %1</source>
        <translation>die Aussagen konnten nicht ausgewertet werden: %1</translation>
    </message>
    <message>
        <source>%1 not found — run the ablations stage</source>
        <translation>%1 nicht gefunden — die Stufe ablations ausführen</translation>
    </message>
</context>
<context>
    <name>aip::ResultsFolderBar</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Quick protocol</source>
        <translation>Schnelles Protokoll</translation>
    </message>
    <message>
        <source>The folder holding latency_profiles.csv, accuracy_profiles.csv and the other result files</source>
        <translation>Der Ordner mit latency_profiles.csv, accuracy_profiles.csv und den anderen Ergebnisdateien</translation>
    </message>
    <message>
        <source>Use configs/experimental_protocol_quick.yaml instead of the full protocol</source>
        <translation>configs/experimental_protocol_quick.yaml statt des vollständigen Protokolls verwenden</translation>
    </message>
    <message>
        <source>Results folder:</source>
        <translation>Ergebnisordner:</translation>
    </message>
    <message>
        <source>Results folder</source>
        <translation>Ergebnisordner</translation>
    </message>
    <message>
        <source>Choose the results folder in a dialog</source>
        <translation>Den Ergebnisordner in einem Dialog wählen</translation>
    </message>
</context>
<context>
    <name>aip::SaveImageDialog</name>
    <message>
        <source>Save image: %1</source>
        <translation>Bild speichern: %1</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>The resolution recorded in a PNG; for SVG and PDF, how many pixels make an inch of the page</source>
        <translation>Die in einer PNG vermerkte Auflösung; bei SVG und PDF, wie viele Pixel einen Zoll der Seite ergeben</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>File (.png, .svg or .pdf):</source>
        <translation>Datei (.png, .svg oder .pdf):</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Breite:</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Höhe:</translation>
    </message>
    <message>
        <source>DPI:</source>
        <translation>DPI:</translation>
    </message>
    <message>
        <source>Where the figure goes; the ending picks the format</source>
        <translation>Wohin die Abbildung geschrieben wird; die Endung bestimmt das Format</translation>
    </message>
    <message>
        <source>The figure&apos;s width in pixels</source>
        <translation>Die Breite der Abbildung in Pixeln</translation>
    </message>
    <message>
        <source>The figure&apos;s height in pixels</source>
        <translation>Die Höhe der Abbildung in Pixeln</translation>
    </message>
    <message>
        <source>Choose the file in a dialog</source>
        <translation>Die Datei in einem Dialog wählen</translation>
    </message>
</context>
<context>
    <name>aip::TrainDialog</name>
    <message>
        <source>Train %1</source>
        <translation>%1 trainieren</translation>
    </message>
    <message>
        <source>whole split</source>
        <translation>ganzer Teil</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Max examples:</source>
        <translation>Höchstens Beispiele:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>%1 (%2) on the %3 split of %4. The values start at the models.yaml preset.</source>
        <translation>%1 (%2) auf dem %3-Teil von %4. Die Werte beginnen bei der Voreinstellung aus models.yaml.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Writes %1/recipe-%2.pt in the user data folder, where --batch train writes the same recipe.</source>
        <translation>Schreibt %1/recipe-%2.pt in den Benutzerdatenordner, wohin auch --batch train dasselbe Rezept schreibt.</translation>
    </message>
</context>
<context>
    <name>aip::WorkloadsPage</name>
    <message>
        <source>Workloads</source>
        <translation>Lasten</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Deadline set</source>
        <translation>Deadline-Satz</translation>
    </message>
    <message>
        <source>Deadline sweep</source>
        <translation>Deadline-Verlauf</translation>
    </message>
    <message>
        <source>hit rate</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>effective accuracy</source>
        <translation>effektive Treffsicherheit</translation>
    </message>
    <message>
        <source>Workload comparison</source>
        <translation>Lastvergleich</translation>
    </message>
    <message>
        <source>Workload results</source>
        <translation>Lastergebnisse</translation>
    </message>
    <message>
        <source>No rows of workload_results.csv to draw</source>
        <translation>workload_results.csv enthält keine Zeilen zum Zeichnen</translation>
    </message>
    <message>
        <source>No rows of deadline_sweep.csv to draw</source>
        <translation>deadline_sweep.csv enthält keine Zeilen zum Zeichnen</translation>
    </message>
</context>
</TS>
