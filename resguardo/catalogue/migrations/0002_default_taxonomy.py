"""The default taxonomy from DESIGN.md and a table of languages. Editors change these rows
afterwards; this migration only adds what is missing."""

from django.db import migrations

TYPES = [
    ("audio-visual", "Audio & visual", "Radio programmes, podcasts, recordings and images."),
    ("digital-tools", "Digital tools", "Software, apps, online platforms and databases."),
    ("guides-manuals", "Guides & manuals", "Step-by-step guidance for doing something."),
    ("infographics", "Infographics", "Information shown as a picture or diagram."),
    ("capacity-training", "Organisational capacity & training",
     "Training curricula and material to strengthen organisations."),
    ("templates", "Templates", "Forms, protocols and plans to adapt and fill in."),
    ("videos-webinars", "Videos & webinars", "Recorded videos, webinars and trainings."),
    ("reports-research", "Reports & research", "Studies, reports and analyses."),
    ("case-studies", "Case studies", "The experience of one community or group, told in depth."),
]
THEMES = [
    ("collective-protection-basics", "Collective protection basics",
     "What collective protection is and how a collective starts."),
    ("building-the-collective", "Building the collective",
     "Inclusion, gender and power dynamics inside the collective."),
    ("risk-context-analysis", "Risk and context analysis",
     "Analysing threats, actors and power; actor and power mapping."),
    ("territory-monitoring", "Territory monitoring, mapping and patrols",
     "Watching over and mapping land, water and forests."),
    ("communication-early-warning", "Communication, radio and early warning",
     "Alert systems, community radio and ways to communicate under threat."),
    ("emergency-response", "Emergency response, relocation and shelter",
     "What to do when an attack happens: alerts, relocation, safe houses."),
    ("community-protocols", "Community protocols and governance",
     "Agreements a community makes on how it decides and protects itself."),
    ("networks-solidarity", "Networks, alliances and solidarity",
     "Working with allies near and far."),
    ("evidence-documentation", "Evidence gathering and documentation",
     "Recording abuses and keeping the evidence safe."),
    ("legal-protection", "Legal protection, access to justice and strategic litigation",
     "Using the law and the courts."),
    ("advocacy-narratives", "Advocacy, narratives and countering stigmatisation",
     "Changing policies and the stories told about defenders."),
    ("well-being-collective-care", "Well-being and collective care",
     "Caring for the people who defend, and for each other."),
    ("digital-security", "Digital security", "Safer phones, computers and communications."),
    ("states-protection-mechanisms", "Engaging states and protection mechanisms",
     "National protection mechanisms, diplomats and international bodies."),
    ("business-due-diligence", "Business, supply chains and due diligence",
     "Companies, investors and the responsibility of supply chains."),
    ("funding-donor-practice", "Funding and donor practice", "How funders can support protection."),
]
AUDIENCES = [
    ("communities-defenders", "Communities and defenders", ""),
    ("organisations", "Organisations", ""),
    ("donors", "Donors", ""),
    ("states-diplomats", "States and diplomats", ""),
    ("companies-investors", "Companies and investors", ""),
]
REGIONS = [
    ("global", "Global", ""),
    ("africa", "Africa", ""),
    ("asia", "Asia", ""),
    ("latin-america-caribbean", "Latin America and the Caribbean", ""),
    ("middle-east-north-africa", "Middle East and North Africa", ""),
    ("europe", "Europe", ""),
    ("north-america", "North America", ""),
    ("pacific", "Pacific", ""),
]
# code, English name, native name, direction, Snowball / PostgreSQL configuration
LANGUAGES = [
    ("en", "English", "English", "ltr", "english"),
    ("es", "Spanish", "Español", "ltr", "spanish"),
    ("fr", "French", "Français", "ltr", "french"),
    ("pt", "Portuguese", "Português", "ltr", "portuguese"),
    ("id", "Indonesian", "Bahasa Indonesia", "ltr", "indonesian"),
    ("ms", "Malay", "Bahasa Melayu", "ltr", "indonesian"),
    ("sw", "Swahili", "Kiswahili", "ltr", ""),
    ("ar", "Arabic", "العربية", "rtl", "arabic"),
    ("de", "German", "Deutsch", "ltr", "german"),
    ("it", "Italian", "Italiano", "ltr", "italian"),
    ("nl", "Dutch", "Nederlands", "ltr", "dutch"),
    ("ru", "Russian", "Русский", "ltr", "russian"),
    ("hi", "Hindi", "हिन्दी", "ltr", "hindi"),
    ("ne", "Nepali", "नेपाली", "ltr", "nepali"),
    ("ta", "Tamil", "தமிழ்", "ltr", "tamil"),
    ("tl", "Tagalog", "Tagalog", "ltr", ""),
    ("th", "Thai", "ไทย", "ltr", ""),
    ("my", "Burmese", "မြန်မာ", "ltr", ""),
    ("km", "Khmer", "ខ្មែរ", "ltr", ""),
    ("qu", "Quechua", "Runa Simi", "ltr", ""),
    ("ay", "Aymara", "Aymar aru", "ltr", ""),
    ("gn", "Guarani", "Avañe'ẽ", "ltr", ""),
    ("am", "Amharic", "አማርኛ", "ltr", ""),
    ("ha", "Hausa", "Hausa", "ltr", ""),
    ("yo", "Yoruba", "Yorùbá", "ltr", ""),
    ("zu", "Zulu", "isiZulu", "ltr", ""),
    ("ln", "Lingala", "Lingála", "ltr", ""),
    ("rw", "Kinyarwanda", "Ikinyarwanda", "ltr", ""),
    ("fa", "Persian", "فارسی", "rtl", ""),
    ("ur", "Urdu", "اردو", "rtl", ""),
]


def add(apps, schema_editor):
    for model, rows in (("ResourceType", TYPES), ("Theme", THEMES),
                        ("Audience", AUDIENCES), ("Region", REGIONS)):
        Model = apps.get_model("catalogue", model)
        for position, (slug, name, description) in enumerate(rows):
            Model.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description,
                                     "position": position})
    Language = apps.get_model("catalogue", "Language")
    for code, name, native, direction, stemmer in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={
            "name": name, "native_name": native, "direction": direction, "stemmer": stemmer})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
