"""Sentences from the seed documents (resguardo/seeds/*.txt) in English, as written there,
and translated into Spanish, French and Portuguese for the search tests: real text on
collective protection, with the inflections, accents and stop words of each language."""

LANGUAGES = ("en", "es", "fr", "pt")

# "Collective Protection of Human Rights Defenders: A Collective Approach to the Right to
# Defend Human Rights" (seeds/000, the resource of seeds/001).
TITLE = {
    "en": "Collective Protection of Human Rights Defenders: A Collective Approach to the "
          "Right to Defend Human Rights",
    "es": "Protección colectiva de personas defensoras de derechos humanos: un enfoque "
          "colectivo del derecho a defender los derechos humanos",
    "fr": "Protection collective des défenseurs des droits humains : une approche collective "
          "du droit de défendre les droits humains",
    "pt": "Proteção coletiva de defensores de direitos humanos: uma abordagem coletiva do "
          "direito de defender os direitos humanos",
}

SENTENCES = {
    "en": [
        # seeds/000
        "Collective protection recognises that the security of human rights defenders is "
        "interconnected with the security of those in their network, be it family, friends, "
        "colleagues, or neighbours.",
        # seeds/000
        "Collective protection is most-often associated with rural and indigenous "
        "communities in the Americas seeking to create and implement protection strategies "
        "adapted to their complex security needs.",
        # seeds/001
        "Human rights defenders (HRDs) do not usually work alone, but in groups, in "
        "association with others, in social movements, building collective networks and "
        "supporting each other.",
        # seeds/003
        "The analysis of context, power and violence enabled us to better grasp the "
        "continuum and the interconnections between threats, attacks and killings of HRDs, "
        "the legal restrictions on civil society and the stigmatization of HRDs and their "
        "organizations.",
        # seeds/000
        "Emergency communication plans to alert fellow human rights defenders to upcoming "
        "police raids.",
    ],
    "es": [
        "La protección colectiva reconoce que la seguridad de las personas defensoras de "
        "derechos humanos está interconectada con la seguridad de quienes forman parte de "
        "su red, ya sean familiares, amistades, colegas o vecinos.",
        "La protección colectiva suele asociarse con comunidades rurales e indígenas de las "
        "Américas que buscan crear y aplicar estrategias de protección adaptadas a sus "
        "complejas necesidades de seguridad.",
        "Las defensoras y los defensores de derechos humanos no suelen trabajar solos, sino "
        "en grupos, en asociación con otras personas, en movimientos sociales, tejiendo "
        "redes colectivas y apoyándose mutuamente.",
        "El análisis del contexto, del poder y de la violencia nos permitió comprender mejor "
        "la continuidad y las interconexiones entre las amenazas, los ataques y los "
        "asesinatos de personas defensoras, las restricciones legales a la sociedad civil y "
        "la estigmatización de las personas defensoras y de sus organizaciones.",
        "Planes de comunicación de emergencia para alertar a otras personas defensoras de "
        "derechos humanos sobre redadas policiales inminentes.",
    ],
    "fr": [
        "La protection collective reconnaît que la sécurité des défenseures et défenseurs "
        "des droits humains est indissociable de celle des personnes de leur réseau, qu'il "
        "s'agisse de leur famille, de leurs amis, de leurs collègues ou de leurs voisins.",
        "La protection collective est le plus souvent associée aux communautés rurales et "
        "autochtones des Amériques qui cherchent à concevoir et à mettre en œuvre des "
        "stratégies de protection adaptées à leurs besoins de sécurité complexes.",
        "Les défenseures et défenseurs des droits humains travaillent rarement seuls : ils "
        "agissent en groupe, en association avec d'autres, au sein de mouvements sociaux, en "
        "tissant des réseaux collectifs et en se soutenant mutuellement.",
        "L'analyse du contexte, du pouvoir et de la violence nous a permis de mieux saisir "
        "le continuum et les liens entre les menaces, les attaques et les assassinats de "
        "défenseurs, les restrictions juridiques imposées à la société civile et la "
        "stigmatisation des défenseurs et de leurs organisations.",
        "Des plans de communication d'urgence pour prévenir les autres défenseurs des droits "
        "humains des descentes de police imminentes.",
    ],
    "pt": [
        "A proteção coletiva reconhece que a segurança das defensoras e dos defensores de "
        "direitos humanos está interligada à segurança das pessoas da sua rede, sejam "
        "familiares, amigos, colegas ou vizinhos.",
        "A proteção coletiva é, na maioria das vezes, associada a comunidades rurais e "
        "indígenas das Américas que buscam criar e pôr em prática estratégias de proteção "
        "adaptadas às suas complexas necessidades de segurança.",
        "As defensoras e os defensores de direitos humanos raramente trabalham sozinhos, mas "
        "sim em grupos, em associação com outras pessoas, em movimentos sociais, construindo "
        "redes coletivas e apoiando-se mutuamente.",
        "A análise do contexto, do poder e da violência permitiu-nos compreender melhor o "
        "continuum e as interligações entre as ameaças, os ataques e os assassinatos de "
        "defensores, as restrições legais à sociedade civil e a estigmatização dos "
        "defensores e das suas organizações.",
        "Planos de comunicação de emergência para alertar outros defensores de direitos "
        "humanos sobre batidas policiais iminentes.",
    ],
}

# "Taking Care of Us" (seeds/000): in Spanish, French and Portuguese a title of stop words
# but one.
CARE = {
    "en": "Taking Care of Us",
    "es": "Cuidarnos entre nosotras",
    "fr": "Prendre soin de nous",
    "pt": "Cuidar de nós",
}


def text(language: str) -> str:
    return "\n".join(SENTENCES[language])
