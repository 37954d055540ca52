"""The coalition's strategies, only as the seed documents give them: "what works" are the
strategies of the case studies in seeds/000 (La Puya, Zanzibar, Pacos Trust), "what is
needed" the needs the interviews in seeds/002 name (monitoring, communication and radio,
patrols, monitoring equipment, training alongside guides). With their names in Spanish,
French and Portuguese (the glossary's words, docs/glossary.md). Only what is missing is
added, and a translation only for a strategy still named as written here."""

from django.db import migrations

NBSP = "\u00a0"  # French puts one before : ; ? ! and inside « »
WORKS, NEEDED = "works", "needed"

# slug: (theme slug, group, English name, description, examples,
#        {language: (name, description, examples)})
STRATEGIES = {
    "community-protocols": ("community-protocols", WORKS, "Community protocols",
        "A protocol a community agrees on, with the criteria that guide its individual and "
        "collective resistance and how it decides.",
        "La Puya, Guatemala: no dialogue with the companies, but demands that public "
        "institutions do their work; inclusion; decisions without a single leader or "
        "spokesperson. Pacos Trust, Sabah: protocols that map the communities' resources, "
        "customs, allies and adversaries.", {
            "es": ("Protocolos comunitarios",
                   "Un protocolo que una comunidad acuerda, con los criterios que guían su "
                   "resistencia individual y colectiva y su forma de decidir.",
                   "La Puya, Guatemala: no dialogar con las empresas, sino exigir que las "
                   "instituciones públicas cumplan su función; inclusión; decisiones sin un "
                   "único líder ni vocero. Pacos Trust, Sabah: protocolos que mapean los "
                   "recursos, las costumbres, los aliados y los adversarios de las "
                   "comunidades."),
            "fr": ("Protocoles communautaires",
                   "Un protocole sur lequel une communauté s’accorde, avec les critères qui "
                   "guident sa résistance individuelle et collective et sa façon de décider.",
                   f"La Puya, Guatemala{NBSP}: pas de dialogue avec les entreprises, mais "
                   f"exiger que les institutions publiques remplissent leur rôle{NBSP}; "
                   f"inclusion{NBSP}; des décisions sans leader ni porte-parole unique. Pacos "
                   f"Trust, Sabah{NBSP}: des protocoles qui cartographient les ressources, "
                   "les coutumes, les alliés et les adversaires des communautés."),
            "pt": ("Protocolos comunitários",
                   "Um protocolo que uma comunidade acorda, com os critérios que orientam sua "
                   "resistência individual e coletiva e sua forma de decidir.",
                   "La Puya, Guatemala: não dialogar com as empresas, mas exigir que as "
                   "instituições públicas cumpram sua função; inclusão; decisões sem um "
                   "único líder ou porta-voz. Pacos Trust, Sabah: protocolos que mapeiam os "
                   "recursos, os costumes, os aliados e os adversários das comunidades."),
        }),
    "joint-committees": ("community-protocols", WORKS, "Joint committees",
        "Several villages or communities form one committee to defend their land together.",
        "Tongod District, Sabah: seven villages set up a joint committee against "
        "land-grabbing; its protocol sets responsibilities and decision-making, terms for "
        "managing conflicts, and how resources are shared if their lawsuit succeeds.", {
            "es": ("Comités conjuntos",
                   "Varias aldeas o comunidades forman un solo comité para defender juntas "
                   "su tierra.",
                   "Distrito de Tongod, Sabah: siete aldeas crearon un comité conjunto contra "
                   "el acaparamiento de tierras; su protocolo fija responsabilidades y formas "
                   "de decidir, reglas para manejar conflictos y cómo repartir los recursos "
                   "si su demanda prospera."),
            "fr": ("Comités conjoints",
                   "Plusieurs villages ou communautés forment un seul comité pour défendre "
                   "ensemble leurs terres.",
                   f"District de Tongod, Sabah{NBSP}: sept villages ont créé un comité "
                   f"conjoint contre l’accaparement des terres{NBSP}; son protocole fixe les "
                   "responsabilités et la prise de décision, les règles de gestion des "
                   "conflits et le partage des ressources si leur action en justice aboutit."),
            "pt": ("Comitês conjuntos",
                   "Várias aldeias ou comunidades formam um só comitê para defender juntas "
                   "sua terra.",
                   "Distrito de Tongod, Sabah: sete aldeias criaram um comitê conjunto contra "
                   "a grilagem de terras; seu protocolo define responsabilidades e formas de "
                   "decidir, regras para lidar com conflitos e como dividir os recursos se a "
                   "ação judicial tiver sucesso."),
        }),
    "emergency-communication-plans": ("communication-early-warning", WORKS,
        "Emergency communication plans",
        "Agreed ways to warn one another quickly of a coming threat.",
        "Zanzibar, Tanzania: LGBTQIA+ and sex worker rights defenders alerted one another to "
        "upcoming police raids.", {
            "es": ("Planes de comunicación de emergencia",
                   "Formas acordadas de avisarse rápidamente de una amenaza que se acerca.",
                   "Zanzíbar, Tanzania: defensoras y defensores de los derechos LGBTQIA+ y de "
                   "las trabajadoras sexuales se avisaban de las redadas policiales."),
            "fr": ("Plans de communication d’urgence",
                   "Des moyens convenus de s’avertir vite d’une menace qui approche.",
                   f"Zanzibar, Tanzanie{NBSP}: les défenseures et défenseurs des droits "
                   "LGBTQIA+ et des travailleuses du sexe s’avertissaient des descentes de "
                   "police à venir."),
            "pt": ("Planos de comunicação de emergência",
                   "Formas combinadas de avisar uns aos outros rapidamente de uma ameaça que "
                   "se aproxima.",
                   "Zanzibar, Tanzânia: defensoras e defensores dos direitos LGBTQIA+ e das "
                   "trabalhadoras do sexo avisavam uns aos outros das batidas policiais."),
        }),
    "emergency-alert-procedures": ("emergency-response", WORKS, "Emergency alert procedures",
        "Steps to flag an arrest or a detention and organise support for the person "
        "targeted.",
        "Zanzibar, Tanzania: defenders flagged arrests and detentions and organised support "
        "for those targeted.", {
            "es": ("Procedimientos de alerta de emergencia",
                   "Pasos para dar aviso de una detención y organizar apoyo para la persona "
                   "afectada.",
                   "Zanzíbar, Tanzania: se daba aviso de arrestos y detenciones y se "
                   "organizaba apoyo para las personas afectadas."),
            "fr": ("Procédures d’alerte d’urgence",
                   "Les étapes pour signaler une arrestation ou une détention et organiser le "
                   "soutien à la personne visée.",
                   f"Zanzibar, Tanzanie{NBSP}: les arrestations et détentions étaient "
                   "signalées et un soutien organisé pour les personnes visées."),
            "pt": ("Procedimentos de alerta de emergência",
                   "Passos para alertar sobre uma prisão ou detenção e organizar apoio para a "
                   "pessoa atingida.",
                   "Zanzibar, Tanzânia: prisões e detenções eram alertadas e organizava-se "
                   "apoio para as pessoas atingidas."),
        }),
    "relocation-plans": ("emergency-response", WORKS, "Relocation plans",
        "Plans to move people at risk to safety, with shelter information kept up to date.",
        "Zanzibar, Tanzania: relocation plans for targeted defenders, and updated shelter "
        "information for LGBTQIA+ people and sex workers.", {
            "es": ("Planes de reubicación",
                   "Planes para llevar a lugar seguro a las personas en riesgo, con "
                   "información actualizada sobre refugios.",
                   "Zanzíbar, Tanzania: planes de reubicación para las personas defensoras "
                   "amenazadas e información actualizada sobre refugios para personas "
                   "LGBTQIA+ y trabajadoras sexuales."),
            "fr": ("Plans de relocalisation",
                   "Des plans pour mettre à l’abri les personnes en danger, avec des "
                   "informations à jour sur les hébergements.",
                   f"Zanzibar, Tanzanie{NBSP}: des plans de relocalisation pour les "
                   "défenseurs visés et des informations à jour sur les hébergements pour "
                   "les personnes LGBTQIA+ et les travailleuses du sexe."),
            "pt": ("Planos de realocação",
                   "Planos para levar a um lugar seguro as pessoas em risco, com informações "
                   "atualizadas sobre abrigos.",
                   "Zanzibar, Tanzânia: planos de realocação para defensoras e defensores "
                   "ameaçados e informações atualizadas sobre abrigos para pessoas LGBTQIA+ "
                   "e trabalhadoras do sexo."),
        }),
    "solidarity-activities": ("networks-solidarity", WORKS, "Solidarity activities",
        "Making sure the people targeted, and those they work with, have their basic needs "
        "met.",
        "Zanzibar, Tanzania: solidarity activities met the basic needs of defenders and the "
        "people they work with once relocated.", {
            "es": ("Actividades de solidaridad",
                   "Asegurar que las personas amenazadas, y aquellas con quienes trabajan, "
                   "tengan cubiertas sus necesidades básicas.",
                   "Zanzíbar, Tanzania: actividades de solidaridad cubrieron las necesidades "
                   "básicas de las personas defensoras y de quienes trabajan con ellas una "
                   "vez reubicadas."),
            "fr": ("Activités de solidarité",
                   "Veiller à ce que les personnes visées, et celles avec qui elles "
                   "travaillent, aient leurs besoins essentiels couverts.",
                   f"Zanzibar, Tanzanie{NBSP}: des activités de solidarité ont couvert les "
                   "besoins essentiels des défenseurs et des personnes avec qui ils "
                   "travaillent une fois relocalisés."),
            "pt": ("Atividades de solidariedade",
                   "Garantir que as pessoas ameaçadas, e aquelas com quem trabalham, tenham "
                   "suas necessidades básicas atendidas.",
                   "Zanzibar, Tanzânia: atividades de solidariedade atenderam às necessidades "
                   "básicas das defensoras e defensores e de quem trabalha com eles depois "
                   "de realocados."),
        }),
    "community-monitoring": ("territory-monitoring", NEEDED,
        "Community participation in monitoring",
        "More and better participation of communities in monitoring their territories.",
        "The interviews name monitoring among the most immediate ways for organisations and "
        "community members to contribute to protection and prevention.", {
            "es": ("Participación comunitaria en el monitoreo",
                   "Más y mejor participación de las comunidades en el monitoreo de sus "
                   "territorios.",
                   "Las entrevistas señalan el monitoreo entre las formas más inmediatas en "
                   "que las organizaciones y la comunidad contribuyen a la protección y la "
                   "prevención."),
            "fr": ("Participation des communautés à la surveillance",
                   "Une participation plus large et meilleure des communautés à la "
                   "surveillance de leurs territoires.",
                   "Les entretiens citent la surveillance parmi les moyens les plus immédiats "
                   "pour les organisations et les membres des communautés de contribuer à la "
                   "protection et à la prévention."),
            "pt": ("Participação comunitária no monitoramento",
                   "Mais e melhor participação das comunidades no monitoramento de seus "
                   "territórios.",
                   "As entrevistas apontam o monitoramento entre as formas mais imediatas de "
                   "as organizações e a comunidade contribuírem para a proteção e a "
                   "prevenção."),
        }),
    "communication-radio-early-warning": ("communication-early-warning", NEEDED,
        "Communication, radio and early warning",
        "Communication and radio that let a community warn of threats in time.",
        "The interviews name communication and radio among the most immediate ways to "
        "contribute to protection and prevention.", {
            "es": ("Comunicación, radio y alerta temprana",
                   "Comunicación y radio para que una comunidad avise a tiempo de las "
                   "amenazas.",
                   "Las entrevistas señalan la comunicación y la radio entre las formas más "
                   "inmediatas de contribuir a la protección y la prevención."),
            "fr": ("Communication, radio et alerte précoce",
                   "La communication et la radio qui permettent à une communauté d’avertir "
                   "à temps des menaces.",
                   "Les entretiens citent la communication et la radio parmi les moyens les "
                   "plus immédiats de contribuer à la protection et à la prévention."),
            "pt": ("Comunicação, rádio e alerta precoce",
                   "Comunicação e rádio para que uma comunidade avise a tempo sobre as "
                   "ameaças.",
                   "As entrevistas apontam a comunicação e o rádio entre as formas mais "
                   "imediatas de contribuir para a proteção e a prevenção."),
        }),
    "patrols": ("territory-monitoring", NEEDED, "Patrols",
        "Patrol activities that watch over the territory.",
        "The interviews name patrols among the most immediate ways to contribute to "
        "protection and prevention.", {
            "es": ("Recorridos de vigilancia",
                   "Recorridos que vigilan el territorio.",
                   "Las entrevistas señalan los recorridos entre las formas más inmediatas de "
                   "contribuir a la protección y la prevención."),
            "fr": ("Patrouilles",
                   "Des patrouilles qui veillent sur le territoire.",
                   "Les entretiens citent les patrouilles parmi les moyens les plus immédiats "
                   "de contribuer à la protection et à la prévention."),
            "pt": ("Rondas",
                   "Rondas que vigiam o território.",
                   "As entrevistas apontam as rondas entre as formas mais imediatas de "
                   "contribuir para a proteção e a prevenção."),
        }),
    "monitoring-equipment": ("territory-monitoring", NEEDED,
        "Monitoring equipment and training",
        "Hardware beyond basic resources or software: monitoring equipment and instruments, "
        "with the training to use them.", "", {
            "es": ("Equipos de monitoreo y formación",
                   "Apoyo material más allá de los recursos básicos o los programas: equipos "
                   "e instrumentos de monitoreo, con la formación para usarlos.", ""),
            "fr": ("Équipement de surveillance et formation",
                   f"Du matériel au-delà des ressources de base ou des logiciels{NBSP}: "
                   "équipements et instruments de surveillance, avec la formation pour s’en "
                   "servir.", ""),
            "pt": ("Equipamentos de monitoramento e formação",
                   "Apoio material além dos recursos básicos ou dos programas: equipamentos e "
                   "instrumentos de monitoramento, com a formação para usá-los.", ""),
        }),
    "training-alongside-guides": ("collective-protection-basics", NEEDED,
        "Training alongside resources and guides",
        "Training that goes with the resources and guides, rather than resources that stand "
        "alone.",
        "The coalition answers with webinars and trainings on collective protection and on "
        "how to use the resources.", {
            "es": ("Formación junto a los recursos y guías",
                   "Formación que acompaña a los recursos y las guías, en lugar de recursos "
                   "aislados.",
                   "La coalición responde con seminarios web y formaciones sobre protección "
                   "colectiva y sobre cómo usar los recursos."),
            "fr": ("Formation accompagnant les ressources et les guides",
                   "Une formation qui accompagne les ressources et les guides, plutôt que "
                   "des ressources isolées.",
                   "La coalition y répond par des webinaires et des formations sur la "
                   "protection collective et sur l’usage des ressources."),
            "pt": ("Formação junto com os recursos e guias",
                   "Formação que acompanha os recursos e os guias, em vez de recursos "
                   "isolados.",
                   "A coalizão responde com webinários e formações sobre proteção coletiva e "
                   "sobre como usar os recursos."),
        }),
}


def add(apps, schema_editor):  # type: ignore[no-untyped-def]
    Theme = apps.get_model("catalogue", "Theme")
    Strategy = apps.get_model("catalogue", "Strategy")
    Translation = apps.get_model("catalogue", "StrategyTranslation")
    themes = {t.slug: t for t in Theme.objects.filter(
        slug__in={spec[0] for spec in STRATEGIES.values()})}
    languages = set(apps.get_model("catalogue", "Language").objects
                    .filter(code__in=["es", "fr", "pt"]).values_list("code", flat=True))
    for position, (slug, spec) in enumerate(STRATEGIES.items()):
        theme_slug, group, name, description, examples, names = spec
        if theme_slug not in themes or Strategy.objects.filter(name=name).exclude(
                slug=slug).exists():
            continue  # an editor removed the theme, or gave the name to another strategy
        strategy, _created = Strategy.objects.get_or_create(slug=slug, defaults={
            "name": name, "description": description, "examples": examples,
            "theme": themes[theme_slug], "group": group, "position": position})
        if strategy.name != name:
            continue
        for code, (t_name, t_description, t_examples) in names.items():
            if code in languages:
                Translation.objects.get_or_create(term=strategy, language_id=code, defaults={
                    "name": t_name, "description": t_description, "examples": t_examples})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0008_strategies")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
