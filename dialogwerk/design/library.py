"""The built-in method library: what each method is for and what it needs. No Django here.

Texts are German: they are the content of the library, which consultants read and extend in German.
"""

GOALS = ("ideas", "many_voices", "conflicts", "measures", "inform", "engagement")

BUILTIN_METHODS = [
    {
        "key": "world_cafe",
        "name": "World Café",
        "purpose": "Viele Menschen kommen in kleinen, wechselnden Tischrunden ins Gespräch; Ideen und Sorgen "
        "aus vielen Blickwinkeln werden sichtbar und wandern von Tisch zu Tisch.",
        "group_size": "Tische mit 4–5 Personen, je eine Gastgeberin oder ein Gastgeber",
        "min_participants": 12,
        "max_participants": 200,
        "min_minutes": 90,
        "max_minutes": 180,
        "steps": "Begrüßung und Einführung in die Café-Etikette\nRunde 1 (20–30 Minuten)\nTischwechsel, "
        "Gastgeber bleiben\nRunde 2 (20–30 Minuten)\nRunde 3 (20–30 Minuten)\nErnte im Plenum und Galerie",
        "materials": "Tische mit Papiertischdecken, Stifte, Tischkarten mit Leitfrage, Klingel, Pinnwände",
        "goals": ["ideas", "many_voices", "conflicts"],
    },
    {
        "key": "future_workshop",
        "name": "Zukunftswerkstatt",
        "purpose": "In drei Phasen von der Kritik über Wunschbilder zu konkreten Maßnahmen mit Zeitplan und "
        "Verantwortlichen (nach Jungk/Müllert).",
        "group_size": "Kleingruppen mit 5–8 Personen, insgesamt bis etwa 40",
        "min_participants": 10,
        "max_participants": 40,
        "min_minutes": 240,
        "max_minutes": 1440,
        "steps": "Einführung\nKritikphase: Was stört uns heute? Punktabfrage\nPhantasiephase: Es wäre schön, "
        "wenn …\nVerwirklichungsphase: Maßnahmen mit Zeitplan und Verantwortlichen\nAbschluss und nächste Schritte",
        "materials": "Moderationskarten, Pinnwände, Klebepunkte, Flipcharts",
        "goals": ["ideas", "measures", "conflicts"],
    },
    {
        "key": "open_space",
        "name": "Open Space",
        "purpose": "Die Teilnehmenden setzen ihre Themen selbst; wer ein Anliegen hat, lädt zu einer Runde "
        "ein. Gut, um Engagement zu wecken und Selbstorganisation zu stärken.",
        "group_size": "frei, Sitzungen mit 5–25 Personen",
        "min_participants": 20,
        "max_participants": 500,
        "min_minutes": 180,
        "max_minutes": 1440,
        "steps": "Eröffnung im Kreis, vier Prinzipien und Gesetz der zwei Füße\nMarktplatz: Themen anschlagen "
        "(Zeit × Raum)\nSitzungen von 45–90 Minuten mit Protokoll\nAbendnachrichten / Abschlusskreis",
        "materials": "Stuhlkreis, Marktplatzwand mit Zeit-Raum-Raster, Protokollvorlagen, Räume",
        "goals": ["engagement", "ideas", "many_voices"],
    },
    {
        "key": "fishbowl",
        "name": "Fishbowl",
        "purpose": "Eine kleine Runde diskutiert im Innenkreis, alle anderen hören zu und können über einen "
        "freien Stuhl einsteigen. Gut für strittige Themen vor Publikum.",
        "group_size": "Innenkreis mit etwa 5 Stühlen, Außenkreis 15–50",
        "min_participants": 15,
        "max_participants": 60,
        "min_minutes": 45,
        "max_minutes": 120,
        "steps": "Einführung in die Regeln (offener oder geschlossener Fishbowl)\nImpuls der ersten Runde\n"
        "Diskussion mit Wechseln über den freien Stuhl\nZusammenfassung",
        "materials": "Stühle im Innen- und Außenkreis, Mikrofone bei großen Räumen",
        "goals": ["conflicts", "inform"],
    },
    {
        "key": "plenary_forum",
        "name": "Plenumsforum",
        "purpose": "Informieren und Fragen beantworten: Impulse aus Verwaltung und Praxis, danach offene "
        "Fragerunde. Gut als Einstieg oder Abschluss.",
        "group_size": "alle gemeinsam",
        "min_participants": 20,
        "max_participants": 1000,
        "min_minutes": 45,
        "max_minutes": 150,
        "steps": "Begrüßung durch die Bürgermeisterin oder den Bürgermeister\nImpulsvorträge\nFragerunde\nAusblick",
        "materials": "Bühne, Mikrofone, Präsentationstechnik",
        "goals": ["inform", "many_voices"],
    },
]
