"""How each seed resource is classified. Titles and publishers are as the seed texts give
them; no link, year or author is added that the texts do not state. The texts give every
title in English and name no version in another language, so no resource here is linked as
the same work as another (Resource.translation_key stays each one's own)."""

from typing import Any

ORGANISATIONS = {
    # name: country (only where the seed texts state it)
    "Alliance for Land, Indigenous, and Environmental Defenders (ALLIED)": "",
    "JASS (Just Associates)": "",
    "Fund for Global Human Rights": "",
    "Front Line Defenders": "",
    "Iniciativa Mesoamericana de Derechos Humanos (IM-Defensoras)": "",
    "International Service for Human Rights": "",
    "Open Global Rights": "",
    "Urgent Action Fund for Women’s Human Rights": "",
    "Kvinna till Kvinna Foundation": "",
    "Natural Justice": "",
    "Pacos Trust": "MY",
    "Pensamiento y Accion Social": "",
    "Protection International": "BE",
    "Zero Tolerance Initiative": "",
    "Centre for Applied Human Rights, University of York": "GB",
}

RESOURCES: list[dict[str, Any]] = [
    {
        "title": "Supporting Environmental Human Rights Defenders: Developing New Guidance "
                 "for Donors and Civil Society Organisations",
        "publishers": ["Alliance for Land, Indigenous, and Environmental Defenders (ALLIED)"],
        "type": "reports-research",
        "themes": ["funding-donor-practice", "collective-protection-basics"],
        "audiences": ["donors", "organisations"],
    },
    {
        "title": "Collective Protection to Defend Territory: Defense of Territory to Protect Life",
        "publishers": ["JASS (Just Associates)", "Fund for Global Human Rights"],
        "type": "reports-research",
        "themes": ["collective-protection-basics", "territory-monitoring"],
        "audiences": ["communities-defenders", "organisations"],
    },
    {
        "title": "LGBTIQ+ and Sex Worker Rights: Defenders at Risk during COVID-19",
        "publishers": ["Front Line Defenders"],
        "type": "reports-research",
        "themes": ["emergency-response", "building-the-collective"],
        "audiences": ["communities-defenders", "organisations"],
        # 000's Zanzibar case study (these defenders, during COVID-19): their security plans.
        "strategies": ["emergency-communication-plans", "emergency-alert-procedures",
                       "relocation-plans", "solidarity-activities"],
    },
    {
        "title": "Collective Protection: A Case Study from Kenya",
        "publishers": ["Fund for Global Human Rights"],
        "type": "case-studies",
        "themes": ["collective-protection-basics"],
        "audiences": ["communities-defenders", "organisations"],
        "regions": ["africa"],
        "countries": ["KE"],
    },
    {
        "title": "Feminist Holistic Protection to Transform the Crisis in Times of COVID-19",
        "publishers": ["Iniciativa Mesoamericana de Derechos Humanos (IM-Defensoras)"],
        "type": "reports-research",
        "themes": ["well-being-collective-care", "building-the-collective"],
        "audiences": ["communities-defenders", "organisations"],
        "regions": ["latin-america-caribbean"],
    },
    {
        "title": "A tool for Diplomats: Protecting Human Rights Defenders as Essential Partners",
        "publishers": ["International Service for Human Rights"],
        "type": "guides-manuals",
        "themes": ["states-protection-mechanisms"],
        "audiences": ["states-diplomats"],
    },
    {
        "title": "Power and Safety: Rethinking Protection for Human Rights Defenders",
        "publishers": ["Open Global Rights"],
        "type": "reports-research",
        "themes": ["collective-protection-basics", "risk-context-analysis"],
        "audiences": ["organisations", "donors"],
    },
    {
        "title": "Insiste, Persiste, Resiste, Existe: Women Human Rights Defenders’ "
                 "Security Strategies",
        "publishers": ["Urgent Action Fund for Women’s Human Rights", "Front Line Defenders",
                       "Kvinna till Kvinna Foundation"],
        "type": "reports-research",
        "themes": ["building-the-collective", "well-being-collective-care"],
        "audiences": ["communities-defenders", "organisations", "donors"],
    },
    {
        "title": "What’s the Point of Revolution if We Can’t Dance?",
        "publishers": ["Urgent Action Fund for Women’s Human Rights"],
        "type": "reports-research",
        "themes": ["well-being-collective-care"],
        "audiences": ["communities-defenders", "organisations", "donors"],
    },
    {
        "title": "Community Protocols",
        "publishers": ["Natural Justice"],
        "type": "guides-manuals",
        "themes": ["community-protocols"],
        "audiences": ["communities-defenders"],
        # Named for the strategy of 000's La Puya and Pacos Trust case studies.
        "strategies": ["community-protocols"],
    },
    {
        "title": "Community-Led Collective Protection through Community Protocols",
        "publishers": ["Pacos Trust"],
        "type": "case-studies",
        "themes": ["community-protocols", "territory-monitoring"],
        "audiences": ["communities-defenders"],
        # 000's Pacos Trust case study: its protocols and the seven villages' joint committee.
        "strategies": ["community-protocols", "joint-committees"],
        "regions": ["asia"],
        "countries": ["MY"],
    },
    {
        "title": "Collective Protection of Human Rights Defenders of the Right to Land and "
                 "Territory: Conceptual Developments and Methodological Challenges",
        "publishers": ["Pensamiento y Accion Social", "Protection International"],
        "type": "reports-research",
        "themes": ["collective-protection-basics", "territory-monitoring"],
        "audiences": ["organisations"],
    },
    {
        "title": "Collective Protection of Human Rights Defenders: A Collective Approach to "
                 "the Right to Defend Human Rights",
        "publishers": ["Protection International"],
        "type": "reports-research",
        "themes": ["collective-protection-basics", "states-protection-mechanisms"],
        "audiences": ["organisations", "states-diplomats", "donors"],
        "regions": ["global"],
        "text": "001-pi-collective-approach.txt",
        "summary_from_text": True,
    },
    {
        "title": "Taking Care of Us",
        "publishers": ["Protection International"],
        "type": "guides-manuals",
        "themes": ["well-being-collective-care"],
        "audiences": ["communities-defenders", "organisations"],
    },
    {
        "title": "Collective Protection Resources",
        "publishers": ["Zero Tolerance Initiative"],
        "type": "digital-tools",
        "themes": ["collective-protection-basics", "networks-solidarity"],
        "audiences": ["communities-defenders", "organisations"],
        # 002: the micro-site classifies its resources by the needs its interviews named.
        "strategies": ["community-monitoring", "communication-radio-early-warning",
                       "patrols", "monitoring-equipment", "training-alongside-guides"],
        "regions": ["global"],
    },
    {
        "title": "Security and Protection of Human Rights Defenders in the face of Non-State "
                 "Actors: Initial Reflection and Questions",
        "publishers": ["Fund for Global Human Rights", "JASS (Just Associates)"],
        "type": "reports-research",
        "year": 2017,
        "themes": ["risk-context-analysis", "collective-protection-basics",
                   "business-due-diligence", "advocacy-narratives"],
        "audiences": ["organisations", "donors"],
        "text": "003-fghr-jass-non-state-actors.txt",
    },
    {
        "title": "Rethinking the Protection of Human Rights Defenders: International "
                 "Roundtable Report",
        "publishers": ["Protection International",
                       "Centre for Applied Human Rights, University of York"],
        "type": "reports-research",
        "themes": ["states-protection-mechanisms", "collective-protection-basics",
                   "advocacy-narratives", "business-due-diligence"],
        "audiences": ["organisations", "states-diplomats", "donors"],
        "regions": ["global"],
        "description": "Report of the roundtable held in Brussels on 12 and 13 December "
                       "2017. ISBN 978-2-930539-49-2.",
        "text": "004-pi-cahr-rethinking-roundtable.txt",
    },
]

# Knowledge pages: (slug, title, [(heading or None, first line, last line)], resources)
# Line numbers are those of 000-collective-protection-page.txt; the headings name the
# elements and case studies as the coalition's page lists them.
PAGES: list[tuple[str, str, list[tuple[str | None, int, int]], list[str]]] = [
    ("what-is-collective-protection", "What is collective protection?",
     [(None, 32, 33), ("A living concept", 62, 63)],
     ["Collective Protection of Human Rights Defenders: A Collective Approach to the Right "
      "to Defend Human Rights", "Collective Protection Resources",
      "Power and Safety: Rethinking Protection for Human Rights Defenders"]),
    ("common-elements", "Common elements of collective protection",
     [(None, 34, 34),
      ("Identify the collective", 35, 35),
      ("Evaluate social and power dynamics", 36, 38),
      ("Strengthen relationships", 39, 40),
      ("Move beyond the individual", 41, 41),
      ("Analyse collective threats and root causes", 42, 42),
      ("Develop strategies", 43, 44),
      ("Monitor and refine", 45, 45)],
     ["Collective Protection of Human Rights Defenders of the Right to Land and Territory: "
      "Conceptual Developments and Methodological Challenges",
      "Security and Protection of Human Rights Defenders in the face of Non-State Actors: "
      "Initial Reflection and Questions"]),
    ("case-study-la-puya", "Case study: the La Puya community protocol, Guatemala",
     [(None, 46, 50)],
     ["Collective Protection to Defend Territory: Defense of Territory to Protect Life",
      "Community Protocols"]),
    ("case-study-zanzibar", "Case study: LGBTQIA+ and sex worker defenders in Zanzibar",
     [(None, 51, 56)],
     ["LGBTIQ+ and Sex Worker Rights: Defenders at Risk during COVID-19",
      "Feminist Holistic Protection to Transform the Crisis in Times of COVID-19"]),
    ("case-study-pacos-trust", "Case study: Pacos Trust community protocols, Sabah",
     [(None, 57, 61)],
     ["Community-Led Collective Protection through Community Protocols",
      "Community Protocols"]),
]
