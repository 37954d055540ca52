"""The default taxonomy (0002) in Spanish, French and Portuguese, with the glossary's words
(docs/glossary.md). Only what is missing is added, and only for a term still named as 0002
named it: a term an editor renamed may mean something else now."""

from django.db import migrations

NBSP = "\u00a0"  # French puts one before : ; ? ! and inside « »

# slug: English name as 0002 wrote it, then {language: (name, description)}
TYPES = {
    "audio-visual": ("Audio & visual", {
        "es": ("Audio e imagen", "Programas de radio, pódcasts, grabaciones e imágenes."),
        "fr": ("Audio et visuel", "Émissions de radio, podcasts, enregistrements et images."),
        "pt": ("Áudio e imagem", "Programas de rádio, podcasts, gravações e imagens."),
    }),
    "digital-tools": ("Digital tools", {
        "es": ("Herramientas digitales",
               "Programas, aplicaciones, plataformas en línea y bases de datos."),
        "fr": ("Outils numériques",
               "Logiciels, applications, plateformes en ligne et bases de données."),
        "pt": ("Ferramentas digitais",
               "Programas, aplicativos, plataformas online e bancos de dados."),
    }),
    "guides-manuals": ("Guides & manuals", {
        "es": ("Guías y manuales", "Orientaciones paso a paso para hacer algo."),
        "fr": ("Guides et manuels", "Des indications pas à pas pour faire quelque chose."),
        "pt": ("Guias e manuais", "Orientações passo a passo para fazer algo."),
    }),
    "infographics": ("Infographics", {
        "es": ("Infografías", "Información presentada como imagen o diagrama."),
        "fr": ("Infographies", "Des informations présentées sous forme d’image ou de schéma."),
        "pt": ("Infográficos", "Informações apresentadas como imagem ou diagrama."),
    }),
    "capacity-training": ("Organisational capacity & training", {
        "es": ("Fortalecimiento organizativo y formación",
               "Programas y materiales de formación para fortalecer las organizaciones."),
        "fr": ("Renforcement organisationnel et formation",
               "Programmes et supports de formation pour renforcer les organisations."),
        "pt": ("Fortalecimento organizacional e formação",
               "Programas e materiais de formação para fortalecer as organizações."),
    }),
    "templates": ("Templates", {
        "es": ("Plantillas", "Formularios, protocolos y planes para adaptar y completar."),
        "fr": ("Modèles", "Formulaires, protocoles et plans à adapter et à remplir."),
        "pt": ("Modelos", "Formulários, protocolos e planos para adaptar e preencher."),
    }),
    "videos-webinars": ("Videos & webinars", {
        "es": ("Videos y seminarios web", "Videos, seminarios web y formaciones grabados."),
        "fr": ("Vidéos et webinaires", "Vidéos, webinaires et formations enregistrés."),
        "pt": ("Vídeos e webinários", "Vídeos, webinários e formações gravados."),
    }),
    "reports-research": ("Reports & research", {
        "es": ("Informes e investigaciones", "Estudios, informes y análisis."),
        "fr": ("Rapports et recherches", "Études, rapports et analyses."),
        "pt": ("Relatórios e pesquisas", "Estudos, relatórios e análises."),
    }),
    "case-studies": ("Case studies", {
        "es": ("Estudios de caso",
               "La experiencia de una comunidad o un grupo, contada en profundidad."),
        "fr": ("Études de cas", "L’expérience d’une communauté ou d’un groupe, racontée en détail."),
        "pt": ("Estudos de caso", "A experiência de uma comunidade ou grupo, contada em detalhe."),
    }),
}
THEMES = {
    "collective-protection-basics": ("Collective protection basics", {
        "es": ("Fundamentos de la protección colectiva",
               "Qué es la protección colectiva y cómo empieza un colectivo."),
        "fr": ("Bases de la protection collective",
               "Ce qu’est la protection collective et comment un collectif se lance."),
        "pt": ("Fundamentos da proteção coletiva",
               "O que é a proteção coletiva e como um coletivo começa."),
    }),
    "building-the-collective": ("Building the collective", {
        "es": ("Construir el colectivo",
               "Inclusión, género y dinámicas de poder dentro del colectivo."),
        "fr": ("Construire le collectif",
               "Inclusion, genre et rapports de pouvoir au sein du collectif."),
        "pt": ("Construir o coletivo",
               "Inclusão, gênero e dinâmicas de poder dentro do coletivo."),
    }),
    "risk-context-analysis": ("Risk and context analysis", {
        "es": ("Análisis de riesgo y de contexto",
               "Analizar amenazas, actores y poder; mapeo de actores y de poder."),
        "fr": ("Analyse des risques et du contexte",
               f"Analyser les menaces, les acteurs et le pouvoir{NBSP}; cartographie des "
               "acteurs et du pouvoir."),
        "pt": ("Análise de risco e de contexto",
               "Analisar ameaças, atores e poder; mapeamento de atores e de poder."),
    }),
    "territory-monitoring": ("Territory monitoring, mapping and patrols", {
        "es": ("Monitoreo, mapeo y recorridos del territorio",
               "Vigilar y mapear la tierra, el agua y los bosques."),
        "fr": ("Surveillance, cartographie et patrouilles du territoire",
               "Veiller sur les terres, les eaux et les forêts, et les cartographier."),
        "pt": ("Monitoramento, mapeamento e rondas no território",
               "Vigiar e mapear a terra, a água e as florestas."),
    }),
    "communication-early-warning": ("Communication, radio and early warning", {
        "es": ("Comunicación, radio y alerta temprana",
               "Sistemas de alerta, radio comunitaria y formas de comunicarse bajo amenaza."),
        "fr": ("Communication, radio et alerte précoce",
               "Systèmes d’alerte, radio communautaire et moyens de communiquer sous la "
               "menace."),
        "pt": ("Comunicação, rádio e alerta precoce",
               "Sistemas de alerta, rádio comunitária e formas de se comunicar sob ameaça."),
    }),
    "emergency-response": ("Emergency response, relocation and shelter", {
        "es": ("Respuesta a emergencias, reubicación y refugio",
               "Qué hacer cuando ocurre un ataque: alertas, reubicación, casas seguras."),
        "fr": ("Réponse d’urgence, relocalisation et mise à l’abri",
               f"Que faire en cas d’attaque{NBSP}: alertes, relocalisation, lieux sûrs."),
        "pt": ("Resposta a emergências, realocação e abrigo",
               "O que fazer quando acontece um ataque: alertas, realocação, casas-abrigo."),
    }),
    "community-protocols": ("Community protocols and governance", {
        "es": ("Protocolos comunitarios y gobernanza",
               "Acuerdos que una comunidad establece sobre cómo decide y cómo se protege."),
        "fr": ("Protocoles communautaires et gouvernance",
               "Les accords qu’une communauté établit sur sa façon de décider et de se "
               "protéger."),
        "pt": ("Protocolos comunitários e governança",
               "Acordos que uma comunidade estabelece sobre como decide e como se protege."),
    }),
    "networks-solidarity": ("Networks, alliances and solidarity", {
        "es": ("Redes, alianzas y solidaridad", "Trabajar con aliadas y aliados, cerca y lejos."),
        "fr": ("Réseaux, alliances et solidarité",
               "Travailler avec des allié·es, proches ou lointain·es."),
        "pt": ("Redes, alianças e solidariedade",
               "Trabalhar com aliadas e aliados, perto e longe."),
    }),
    "evidence-documentation": ("Evidence gathering and documentation", {
        "es": ("Recopilación de pruebas y documentación",
               "Registrar los abusos y guardar las pruebas de forma segura."),
        "fr": ("Collecte de preuves et documentation",
               "Consigner les abus et conserver les preuves en lieu sûr."),
        "pt": ("Coleta de provas e documentação",
               "Registrar os abusos e guardar as provas com segurança."),
    }),
    "legal-protection": ("Legal protection, access to justice and strategic litigation", {
        "es": ("Protección jurídica, acceso a la justicia y litigio estratégico",
               "Usar la ley y los tribunales."),
        "fr": ("Protection juridique, accès à la justice et contentieux stratégique",
               "Recourir au droit et aux tribunaux."),
        "pt": ("Proteção jurídica, acesso à justiça e litígio estratégico",
               "Usar a lei e os tribunais."),
    }),
    "advocacy-narratives": ("Advocacy, narratives and countering stigmatisation", {
        "es": ("Incidencia, narrativas y lucha contra la estigmatización",
               "Cambiar las políticas y los relatos sobre las personas defensoras."),
        "fr": ("Plaidoyer, récits et lutte contre la stigmatisation",
               "Changer les politiques et les récits sur les défenseur·es."),
        "pt": ("Incidência política, narrativas e enfrentamento da estigmatização",
               "Mudar as políticas e as histórias contadas sobre defensoras e defensores."),
    }),
    "well-being-collective-care": ("Well-being and collective care", {
        "es": ("Bienestar y cuidado colectivo",
               "Cuidar a quienes defienden y cuidarse mutuamente."),
        "fr": ("Bien-être et soin collectif",
               "Prendre soin des personnes qui défendent, et les un·es des autres."),
        "pt": ("Bem-estar e cuidado coletivo",
               "Cuidar de quem defende e se cuidar mutuamente."),
    }),
    "digital-security": ("Digital security", {
        "es": ("Seguridad digital", "Teléfonos, computadoras y comunicaciones más seguros."),
        "fr": ("Sécurité numérique",
               "Des téléphones, des ordinateurs et des communications plus sûrs."),
        "pt": ("Segurança digital", "Celulares, computadores e comunicações mais seguros."),
    }),
    "states-protection-mechanisms": ("Engaging states and protection mechanisms", {
        "es": ("Interlocución con Estados y mecanismos de protección",
               "Mecanismos nacionales de protección, cuerpo diplomático y organismos "
               "internacionales."),
        "fr": ("Dialogue avec les États et les mécanismes de protection",
               "Mécanismes nationaux de protection, diplomates et organismes internationaux."),
        "pt": ("Diálogo com os Estados e os mecanismos de proteção",
               "Mecanismos nacionais de proteção, diplomatas e organismos internacionais."),
    }),
    "business-due-diligence": ("Business, supply chains and due diligence", {
        "es": ("Empresas, cadenas de suministro y debida diligencia",
               "Empresas, inversionistas y la responsabilidad de las cadenas de suministro."),
        "fr": ("Entreprises, chaînes d’approvisionnement et devoir de vigilance",
               "Entreprises, investisseurs et responsabilité des chaînes "
               "d’approvisionnement."),
        "pt": ("Empresas, cadeias de suprimentos e devida diligência",
               "Empresas, investidores e a responsabilidade das cadeias de suprimentos."),
    }),
    "funding-donor-practice": ("Funding and donor practice", {
        "es": ("Financiamiento y prácticas de donantes",
               "Cómo pueden apoyar la protección quienes financian."),
        "fr": ("Financement et pratiques des bailleurs de fonds",
               "Comment les bailleurs de fonds peuvent soutenir la protection."),
        "pt": ("Financiamento e práticas de doadores",
               "Como quem financia pode apoiar a proteção."),
    }),
}
AUDIENCES = {
    "communities-defenders": ("Communities and defenders", {
        "es": ("Comunidades y personas defensoras", ""),
        "fr": ("Communautés et défenseur·es", ""),
        "pt": ("Comunidades, defensoras e defensores", ""),
    }),
    "organisations": ("Organisations", {
        "es": ("Organizaciones", ""), "fr": ("Organisations", ""), "pt": ("Organizações", ""),
    }),
    "donors": ("Donors", {
        "es": ("Donantes", ""), "fr": ("Bailleurs de fonds", ""), "pt": ("Doadores", ""),
    }),
    "states-diplomats": ("States and diplomats", {
        "es": ("Estados y cuerpo diplomático", ""), "fr": ("États et diplomates", ""),
        "pt": ("Estados e diplomatas", ""),
    }),
    "companies-investors": ("Companies and investors", {
        "es": ("Empresas e inversionistas", ""), "fr": ("Entreprises et investisseurs", ""),
        "pt": ("Empresas e investidores", ""),
    }),
}
REGIONS = {
    "global": ("Global", {"es": ("Global", ""), "fr": ("Monde", ""), "pt": ("Global", "")}),
    "africa": ("Africa", {"es": ("África", ""), "fr": ("Afrique", ""), "pt": ("África", "")}),
    "asia": ("Asia", {"es": ("Asia", ""), "fr": ("Asie", ""), "pt": ("Ásia", "")}),
    "latin-america-caribbean": ("Latin America and the Caribbean", {
        "es": ("América Latina y el Caribe", ""), "fr": ("Amérique latine et Caraïbes", ""),
        "pt": ("América Latina e Caribe", ""),
    }),
    "middle-east-north-africa": ("Middle East and North Africa", {
        "es": ("Oriente Medio y Norte de África", ""),
        "fr": ("Moyen-Orient et Afrique du Nord", ""),
        "pt": ("Oriente Médio e Norte da África", ""),
    }),
    "europe": ("Europe", {"es": ("Europa", ""), "fr": ("Europe", ""), "pt": ("Europa", "")}),
    "north-america": ("North America", {
        "es": ("América del Norte", ""), "fr": ("Amérique du Nord", ""),
        "pt": ("América do Norte", ""),
    }),
    "pacific": ("Pacific", {
        "es": ("Pacífico", ""), "fr": ("Pacifique", ""), "pt": ("Pacífico", ""),
    }),
}
TAXONOMIES = {"ResourceType": TYPES, "Theme": THEMES, "Audience": AUDIENCES,
              "Region": REGIONS}


def add(apps, schema_editor):
    languages = set(apps.get_model("catalogue", "Language").objects
                    .filter(code__in=["es", "fr", "pt"]).values_list("code", flat=True))
    for model, rows in TAXONOMIES.items():
        Term = apps.get_model("catalogue", model)
        Translation = apps.get_model("catalogue", f"{model}Translation")
        for term in Term.objects.filter(slug__in=rows):
            english, names = rows[term.slug]
            if term.name != english:
                continue
            for code, (name, description) in names.items():
                if code in languages:
                    Translation.objects.get_or_create(
                        term=term, language_id=code,
                        defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_term_translations")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
