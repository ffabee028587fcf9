"""Write the demo network's YAML files from the tables below, the same way every time.

    python seeds/generate.py          # rewrite seeds/*.yaml
    python seeds/generate.py --check  # exit 1 when the files differ from what this script makes

Every organisation, person, activity and tie is invented; only public bodies are real.
All random choices come from one generator with a fixed seed, so the YAML only changes
when this script does. seeds/README.md documents the format and the planted structure.
"""

import itertools
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

# The tables below keep one entry per line, however long: easier to read and to diff.
# ruff: noqa: E501

HERE = Path(__file__).resolve().parent
SEED = 2017  # the year the inclusion grant scheme began
LATEST = date(2026, 10, 31)  # the demo's "today": no date in the data is later
GRANT_SCHEME = "Tilskuddsordningen for inkludering"

# The planted structure (see README.md): two communities cut off from everyone else, one
# hanging on a single organisation and a single tie, and a few organisations with no ties.
GAP_COMMUNITIES = ("chileans", "filipinos")
HINGE_COMMUNITY = "forest-finns"
HINGE_ORG = "skogfinsk-kulturforum-oslo"
HINGE_PARTNER = "emi"
ISOLATES = (
    "polsk-foreldreforening-ullern",
    "tamilsk-eldreforum-stovner",
    "bjerke-bydelsavis",
    "bjerke-bilpleie-as",
)

# fmt: off
# --- areas -------------------------------------------------------------------------------

# key, name, official district number (bydelsnummer), a postal code in the district
DISTRICTS = (
    ("alna", "Alna", "030112", "1051"),
    ("bjerke", "Bjerke", "030109", "0588"),
    ("frogner", "Frogner", "030105", "0260"),
    ("gamle-oslo", "Gamle Oslo", "030101", "0190"),
    ("grorud", "Grorud", "030110", "0950"),
    ("grunerlokka", "Grünerløkka", "030102", "0552"),
    ("nordre-aker", "Nordre Aker", "030108", "0850"),
    ("nordstrand", "Nordstrand", "030114", "1169"),
    ("sagene", "Sagene", "030103", "0461"),
    ("st-hanshaugen", "St. Hanshaugen", "030104", "0170"),
    ("stovner", "Stovner", "030111", "0985"),
    ("sondre-nordstrand", "Søndre Nordstrand", "030115", "1281"),
    ("ullern", "Ullern", "030106", "0380"),
    ("vestre-aker", "Vestre Aker", "030107", "0778"),
    ("ostensjo", "Østensjø", "030113", "0687"),
)
POSTAL = {key: postal for key, _, _, postal in DISTRICTS}

# key, name, kind, code (2024 numbering), part of
OTHER_AREAS = (
    ("oslo", "Oslo", "MUNICIPALITY", "0301", None),
    ("akershus", "Akershus", "COUNTY", "32", None),
    ("buskerud", "Buskerud", "COUNTY", "33", None),
    ("innlandet", "Innlandet", "COUNTY", "34", None),
    ("trondelag", "Trøndelag", "COUNTY", "50", None),
    ("baerum", "Bærum", "MUNICIPALITY", "3201", "akershus"),
    ("lillestrom", "Lillestrøm", "MUNICIPALITY", "3205", "akershus"),
    ("drammen", "Drammen", "MUNICIPALITY", "3301", "buskerud"),
    ("hamar", "Hamar", "MUNICIPALITY", "3403", "innlandet"),
    ("grue", "Grue", "MUNICIPALITY", "3417", "innlandet"),
    ("snasa", "Snåsa", "MUNICIPALITY", "5041", "trondelag"),
)

# --- communities and topics ----------------------------------------------------------------

# key, name, dimension, description, languages its members often use (ISO 639)
COMMUNITIES = (
    ("jews", "Jøder", "NATIONAL_MINORITY", "Nasjonal minoritet med hundreårig historie i Norge.", "nb he yi"),
    ("kvens", "Kvener/norskfinner", "NATIONAL_MINORITY", "Nasjonal minoritet med røtter i Nord-Norge; kvensk er eget minoritetsspråk.", "nb fkv fi"),
    ("forest-finns", "Skogfinner", "NATIONAL_MINORITY", "Nasjonal minoritet, etterkommere av finske innflyttere til skogsbygdene på Østlandet.", "nb fi"),
    ("roma", "Rom", "NATIONAL_MINORITY", "Nasjonal minoritet; mange familier i Oslo har bodd her i generasjoner.", "nb rom"),
    ("romani-tater", "Romanifolk/tatere", "NATIONAL_MINORITY", "Nasjonal minoritet med egen språk- og kulturarv (romani).", "nb rmu"),
    ("sami", "Samer", "INDIGENOUS", "Urfolk i Norge; mange samer bor og arbeider i Oslo.", "nb se"),
    ("south-sami", "Sørsamer", "INDIGENOUS", "Den sørsamiske delen av urfolket, med eget språk (åarjelsaemien gïele).", "nb sma"),
    ("somali", "Somaliere", "ORIGIN", "Personer med bakgrunn fra Somalia.", "so nb"),
    ("pakistani", "Pakistanere", "ORIGIN", "Personer med bakgrunn fra Pakistan.", "ur pa nb"),
    ("polish", "Polakker", "ORIGIN", "Personer med bakgrunn fra Polen, mange arbeidsinnvandrere.", "pl nb"),
    ("eritreans", "Eritreere", "ORIGIN", "Personer med bakgrunn fra Eritrea.", "ti nb"),
    ("syrians", "Syrere", "ORIGIN", "Personer med bakgrunn fra Syria, mange kom etter 2015.", "ar nb"),
    ("iraqis", "Irakere", "ORIGIN", "Personer med bakgrunn fra Irak, blant dem mange kurdere.", "ar ku nb"),
    ("vietnamese", "Vietnamesere", "ORIGIN", "Personer med bakgrunn fra Vietnam.", "vi nb"),
    ("tamils", "Tamiler", "ORIGIN", "Personer med tamilsk bakgrunn, de fleste fra Sri Lanka.", "ta nb"),
    ("filipinos", "Filippinere", "ORIGIN", "Personer med bakgrunn fra Filippinene.", "tl en nb"),
    ("turks", "Tyrkere", "ORIGIN", "Personer med bakgrunn fra Tyrkia.", "tr nb"),
    ("afghans", "Afghanere", "ORIGIN", "Personer med bakgrunn fra Afghanistan.", "fa prs ps nb"),
    ("ukrainians", "Ukrainere", "ORIGIN", "Personer med bakgrunn fra Ukraina; mange kom som flyktninger fra 2022.", "uk ru nb"),
    ("chileans", "Chilenere", "ORIGIN", "Personer med bakgrunn fra Chile; mange kom som flyktninger på 1970-tallet.", "es nb"),
    ("moroccans", "Marokkanere", "ORIGIN", "Personer med bakgrunn fra Marokko.", "ar fr nb"),
    ("muslims", "Muslimer", "RELIGION", "Muslimske menigheter og miljøer.", "ar ur so nb"),
    ("catholics", "Katolikker", "RELIGION", "Katolske menigheter og miljøer, mange med innvandrerbakgrunn.", "nb pl es"),
    ("orthodox", "Ortodokse kristne", "RELIGION", "Ortodokse menigheter av flere tradisjoner.", "nb ti uk"),
    ("hindus", "Hinduer", "RELIGION", "Hinduistiske menigheter og miljøer.", "ta hi nb"),
    ("buddhists", "Buddhister", "RELIGION", "Buddhistiske menigheter og miljøer.", "vi nb"),
    ("sikhs", "Sikher", "RELIGION", "Sikhiske menigheter og miljøer.", "pa nb"),
    ("arabic-speakers", "Arabiskspråklige", "LANGUAGE", "Personer som har arabisk som førstespråk, uansett opprinnelsesland.", "ar nb"),
    ("persian-speakers", "Persisk- og darispråklige", "LANGUAGE", "Personer som snakker persisk (farsi) eller dari.", "fa prs nb"),
    ("russian-speakers", "Russiskspråklige", "LANGUAGE", "Personer som har russisk som førstespråk.", "ru nb"),
    ("lgbtiq", "Skeive (LHBTIQ+)", "SEXUAL_ORIENTATION_GENDER_IDENTITY", "Lesbiske, homofile, bifile, trans- og interkjønnpersoner og andre skeive.", "nb"),
    ("lgbtiq-minority", "Skeive med minoritetsbakgrunn", "SEXUAL_ORIENTATION_GENDER_IDENTITY", "Skeive som også tilhører en etnisk eller religiøs minoritet.", "nb en"),
    ("deaf", "Døve og tegnspråkbrukere", "DISABILITY", "Døve, hørselshemmede og andre som bruker norsk tegnspråk.", "nsl nb"),
    ("disabled", "Personer med funksjonsnedsettelse", "DISABILITY", "Personer med fysiske, psykiske eller kognitive funksjonsnedsettelser.", "nb"),
)

# key, name, grant priority, description (the five priorities of the grant scheme come first)
TOPICS = (
    ("arbeid-unge", "Arbeid og arbeidstrening for unge", True, "Jobb, praksis og kontakter i arbeidslivet for ungdom og unge voksne."),
    ("unge-ledere", "Unge ledere og forbilder", True, "Ungdom som tar lederansvar og viser vei for andre."),
    ("tilhorighet", "Tilhørighet og identitet", True, "Å føle seg hjemme i byen med en flerkulturell identitet."),
    ("diskrimineringsvern", "Vern mot diskriminering og sosial kontroll", True, "Motarbeide diskriminering og negativ sosial kontroll."),
    ("dialog", "Trosdialog og forebygging av ekstremisme", True, "Samtaler mellom tros- og livssynssamfunn; motvirke ekstremisme, hatprat og utenforskap."),
    ("utdanning", "Utdanning", False, "Skole, leksehjelp og videre utdanning."),
    ("helse", "Helse", False, "Folkehelse og tilgang til helsetjenester."),
    ("bolig", "Bolig", False, "Boforhold, bostøtte og nabolag."),
    ("sprak", "Språk", False, "Norskopplæring, morsmål og minoritetsspråk."),
    ("kultur", "Kultur", False, "Kunst, kulturarv og festivaler."),
    ("idrett", "Idrett og fysisk aktivitet", False, "Idrettslag, trening og friluftsliv."),
    ("kvinner", "Kvinner", False, "Kvinners deltakelse, helse og nettverk."),
    ("eldre", "Eldre", False, "Eldre med minoritetsbakgrunn og deres behov."),
    ("ungdom", "Ungdom", False, "Fritid, medvirkning og møteplasser for ungdom."),
    ("likeverdige-tjenester", "Likeverdige tjenester", False, "Kommunale tjenester som er tilpasset hele befolkningen."),
)

# --- organisations -------------------------------------------------------------------------

MUN, PUB = "MUNICIPAL_UNIT", "PUBLIC_BODY"
KINDS = {
    "IMM": "IMMIGRANT_ORGANISATION",
    "FAITH": "FAITH_COMMUNITY",
    "VOL": "VOLUNTARY_ORGANISATION",
    "RES": "RESOURCE_COMMUNITY",
    "EDU": "EDUCATION",
    "BUS": "BUSINESS",
    "OTH": "OTHER",
}
KIND_LABEL = {
    "IMMIGRANT_ORGANISATION": "Innvandrerorganisasjon",
    "FAITH_COMMUNITY": "Tros- og livssynssamfunn",
    "VOLUNTARY_ORGANISATION": "Frivillig organisasjon",
    "RESOURCE_COMMUNITY": "Ressursmiljø og nettverk",
    "EDUCATION": "Skole og opplæring",
    "BUSINESS": "Bedrift",
    "OTHER": "Organisasjon",
}

# Real public bodies (no invented contact details). key, name, kind, areas, part of, topics,
# communities served, description
PUBLIC = (
    ("oslo-kommune", "Oslo kommune", MUN, "oslo", None, "likeverdige-tjenester", "", "Kommunen som helhet."),
    ("velferdsetaten", "Velferdsetaten", MUN, "oslo", "oslo-kommune", "likeverdige-tjenester bolig", "", "Etat med byomfattende ansvar for velferd og inkludering; forvalter tilskudd til inkluderingstiltak."),
    ("emi", "Enhet for mangfold og integrering (EMI)", MUN, "oslo", "velferdsetaten", "likeverdige-tjenester dialog tilhorighet diskrimineringsvern", "", "Velferdsetatens seksjon for mangfold og integrering: kurser og veileder kommunens virksomheter om likeverdige tjenester, holder kontakt med minoritetsmiljøene, bygger nettverk mellom dem og resten av byen og er pådriver for OXLO."),
    ("utdanningsetaten", "Utdanningsetaten", MUN, "oslo", "oslo-kommune", "utdanning sprak", "", "Etaten som driver Oslos skoler og voksenopplæring."),
    ("helseetaten", "Helseetaten", MUN, "oslo", "oslo-kommune", "helse likeverdige-tjenester", "", "Etat for folkehelse og helsetjenester på tvers av bydelene."),
    ("kulturetaten", "Kulturetaten", MUN, "oslo", "oslo-kommune", "kultur", "", "Etat for kunst, kultur og tilskudd til kulturlivet."),
    ("nav-alna", "NAV Alna", PUB, "alna", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("nav-stovner", "NAV Stovner", PUB, "stovner", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("nav-grunerlokka", "NAV Grünerløkka", PUB, "grunerlokka", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("nav-gamle-oslo", "NAV Gamle Oslo", PUB, "gamle-oslo", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("nav-sondre-nordstrand", "NAV Søndre Nordstrand", PUB, "sondre-nordstrand", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("imdi", "Integrerings- og mangfoldsdirektoratet (IMDi)", PUB, "oslo", None, "likeverdige-tjenester arbeid-unge", "", "Statlig direktorat for integrering og mangfold."),
    ("innlandet-fylkeskommune", "Innlandet fylkeskommune", PUB, "innlandet", None, "kultur sprak", "south-sami kvens roma romani-tater", "Fylkeskommune med eget arbeid for sørsamisk kultur, nasjonale minoriteter og nye innvandrere."),
    ("sametinget", "Sametinget", PUB, "", None, "sprak kultur", "sami south-sami", "Samenes folkevalgte organ."),
    ("likestillings-og-diskrimineringsombudet", "Likestillings- og diskrimineringsombudet", PUB, "oslo", None, "diskrimineringsvern", "", "Statlig ombud for likestilling og mot diskriminering."),
    ("statsforvalteren-i-oslo-og-akershus", "Statsforvalteren i Oslo og Akershus", PUB, "oslo", None, "likeverdige-tjenester", "", "Statens representant i regionen."),
    ("oslo-politidistrikt", "Oslo politidistrikt", PUB, "oslo", None, "diskrimineringsvern dialog", "", "Politiet i Oslo, blant annet med forebyggende arbeid mot hatkriminalitet."),
    ("lillestrom-kommune", "Lillestrøm kommune", MUN, "lillestrom", None, "likeverdige-tjenester", "", "Nabokommune som deler erfaringer om inkluderingsarbeid."),
    ("baerum-kommune", "Bærum kommune", MUN, "baerum", None, "likeverdige-tjenester", "", "Nabokommune som deler erfaringer om inkluderingsarbeid."),
    ("drammen-kommune", "Drammen kommune", MUN, "drammen", None, "likeverdige-tjenester", "", "Kommune med et eget nettverk for innvandrerorganisasjoner."),
)

# Invented organisations: name, kind, districts/areas, communities represented, topics,
# languages. Community organisations first, grouped by the community they represent.
FICTIONAL = (
    ("Jødisk kulturforum Oslo", "RES", "frogner", "jews", "kultur dialog", "nb he yi"),
    ("Jødisk ungdomsnettverk", "VOL", "st-hanshaugen", "jews", "ungdom diskrimineringsvern unge-ledere", "nb he en"),
    ("Jødisk menighetsråd Øst", "FAITH", "frogner", "jews", "dialog", "nb he"),
    ("Kvensk-norskfinsk forum Oslo", "RES", "sagene", "kvens", "kultur sprak", "nb fkv fi"),
    ("Kvensk språkverksted", "VOL", "sagene", "kvens", "sprak", "fkv nb"),
    ("Skogfinsk kulturforum Oslo", "RES", "gamle-oslo grue", "forest-finns", "kultur sprak", "nb fi"),
    ("Skogfinsk slektslag", "VOL", "grue", "forest-finns", "kultur", "nb"),
    ("Finnskogen ungdomsnettverk", "VOL", "grue", "forest-finns", "ungdom kultur", "nb fi"),
    ("Skogfinsk sangverksted", "VOL", "sagene", "forest-finns", "kultur sprak", "nb fi"),
    ("Romsk kvinneforum", "RES", "gamle-oslo", "roma", "kvinner diskrimineringsvern", "nb rom"),
    ("Romsk ungdomsråd Oslo", "VOL", "gamle-oslo", "roma", "ungdom utdanning", "rom nb"),
    ("Romanifolkets kulturlag Østlandet", "VOL", "ostensjo", "romani-tater", "kultur sprak", "nb rmu"),
    ("Tatere i Oslo – nettverk", "RES", "nordstrand", "romani-tater", "diskrimineringsvern eldre", "nb rmu"),
    ("Oslo samisk kulturverksted", "RES", "st-hanshaugen", "sami", "kultur sprak", "se nb"),
    ("Samisk studentnettverk Oslo", "VOL", "nordre-aker", "sami", "utdanning unge-ledere", "se nb"),
    ("Samisk barnehagenettverk Oslo", "RES", "sagene", "sami", "utdanning sprak", "se nb"),
    ("Sørsamisk språknettverk Oslo", "RES", "sagene", "south-sami", "sprak kultur", "sma nb"),
    ("Sørsamisk foreldrelag", "VOL", "nordre-aker snasa", "south-sami", "utdanning sprak", "sma nb"),
    ("Somalisk foreldreforum Alna", "IMM", "alna", "somali", "utdanning ungdom", "so nb"),
    ("Somalisk kvinneressurs Stovner", "RES", "stovner", "somali", "kvinner helse", "so nb"),
    ("Somalisk ungdomsråd Gamle Oslo", "IMM", "gamle-oslo", "somali", "unge-ledere arbeid-unge", "so nb en"),
    ("Holmlia somaliske idrettsklubb", "VOL", "sondre-nordstrand", "somali", "idrett ungdom", "so nb"),
    ("Tøyen somaliske moskeforening", "FAITH", "gamle-oslo", "somali muslims", "dialog eldre", "so ar nb"),
    ("Pakistansk kultursenter Grorud", "IMM", "grorud", "pakistani", "kultur eldre", "ur pa nb"),
    ("Pakistanske kvinners nettverk Bjerke", "RES", "bjerke", "pakistani", "kvinner diskrimineringsvern", "ur nb"),
    ("Pakistansk-norsk næringsforum", "OTH", "gamle-oslo", "pakistani", "arbeid-unge", "ur nb en"),
    ("Grønland pakistanske moskeforening", "FAITH", "gamle-oslo", "pakistani muslims", "dialog ungdom", "ur pa nb"),
    ("Polsk kulturforening Nordstrand", "IMM", "nordstrand", "polish", "kultur", "pl nb"),
    ("Polsk lørdagsskole Alna", "EDU", "alna", "polish", "utdanning sprak", "pl nb"),
    ("Polsk byggarbeidernettverk", "RES", "alna", "polish", "arbeid-unge bolig", "pl nb en"),
    ("Polsk foreldreforening Ullern", "IMM", "ullern", "polish", "utdanning", "pl nb"),
    ("Polsk-katolsk menighetsråd Østensjø", "FAITH", "ostensjo", "polish catholics", "dialog", "pl nb"),
    ("Eritreisk ungdomsforum Gamle Oslo", "IMM", "gamle-oslo", "eritreans", "ungdom tilhorighet", "ti nb"),
    ("Eritreisk kvinnegruppe Grorud", "RES", "grorud", "eritreans", "kvinner helse", "ti nb"),
    ("Eritreisk-ortodoks menighet Oslo", "FAITH", "grorud", "eritreans orthodox", "dialog", "ti am nb"),
    ("Syrisk-norsk forening Stovner", "IMM", "stovner", "syrians", "tilhorighet arbeid-unge", "ar nb"),
    ("Syriske fagfolk i Oslo", "RES", "sondre-nordstrand", "syrians", "arbeid-unge", "ar en nb"),
    ("Irakisk-norsk familieforum", "IMM", "alna", "iraqis", "diskrimineringsvern utdanning", "ar ku nb"),
    ("Kurdisk-irakisk ungdomslag", "IMM", "bjerke", "iraqis", "ungdom idrett", "ku ar nb"),
    ("Vietnamesisk kulturforening Søndre Nordstrand", "IMM", "sondre-nordstrand", "vietnamese", "kultur eldre", "vi nb"),
    ("Vietnamesisk pagodeforening Holmlia", "FAITH", "sondre-nordstrand", "vietnamese buddhists", "dialog eldre", "vi nb"),
    ("Tamilsk kultursenter Furuset", "IMM", "alna", "tamils", "kultur utdanning", "ta nb"),
    ("Tamilsk musikkskole Grorud", "EDU", "grorud", "tamils", "kultur ungdom", "ta nb"),
    ("Tamilsk eldreforum Stovner", "IMM", "stovner", "tamils", "eldre", "ta nb"),
    ("Furuset hindutempelforening", "FAITH", "alna", "tamils hindus", "dialog kultur", "ta nb"),
    ("Filippinsk forening Oslo", "IMM", "frogner", "filipinos", "kultur tilhorighet", "tl en nb"),
    ("Filippinsk kor og kulturlag", "VOL", "st-hanshaugen", "filipinos", "kultur", "tl en"),
    ("Filippinske au pairers nettverk", "RES", "sagene", "filipinos", "arbeid-unge kvinner", "tl en"),
    ("Tyrkisk kulturforening Grünerløkka", "IMM", "grunerlokka", "turks", "kultur", "tr nb"),
    ("Tyrkisk foreldreråd Groruddalen", "IMM", "grorud", "turks", "utdanning", "tr nb"),
    ("Afghansk kulturforum Bjerke", "IMM", "bjerke", "afghans", "kultur tilhorighet", "prs fa ps nb"),
    ("Afghanske kvinners nettverk", "RES", "gamle-oslo", "afghans", "kvinner diskrimineringsvern", "prs fa nb"),
    ("Ukrainsk fellesskap Oslo", "IMM", "frogner", "ukrainians", "tilhorighet bolig", "uk ru nb en"),
    ("Ukrainsk helgeskole", "EDU", "nordre-aker", "ukrainians", "utdanning sprak", "uk nb"),
    ("Ukrainsk frivillignettverk Østensjø", "RES", "ostensjo", "ukrainians", "bolig arbeid-unge", "uk en"),
    ("Ukrainsk-ortodoks menighet Oslo", "FAITH", "frogner", "ukrainians orthodox", "dialog", "uk nb"),
    ("Chilensk kulturforening Oslo", "IMM", "sagene", "chileans", "kultur tilhorighet", "es nb"),
    ("Chilensk folkedansgruppe", "VOL", "grunerlokka", "chileans", "kultur ungdom", "es nb"),
    ("Chilenske seniorer i Oslo", "VOL", "ostensjo", "chileans", "eldre helse", "es nb"),
    ("Marokkansk foreldreforum Gamle Oslo", "IMM", "gamle-oslo", "moroccans", "utdanning ungdom", "ar fr nb"),
    ("Marokkansk kvinnekafé Grünerløkka", "RES", "grunerlokka", "moroccans", "kvinner", "ar nb"),
    ("Alna islamske senter", "FAITH", "alna", "muslims", "dialog ungdom", "ar ur so nb"),
    ("Stovner muslimske menighet", "FAITH", "stovner", "muslims", "dialog eldre", "ar so nb"),
    ("Muslimsk ungdomsnettverk Oslo", "RES", "grunerlokka", "muslims", "unge-ledere dialog", "nb ar ur"),
    ("Katolsk innvandrerdiakoni Oslo", "VOL", "st-hanshaugen", "catholics", "bolig helse", "nb pl es en"),
    ("Ortodoks kristen ungdom Oslo", "VOL", "sagene", "orthodox", "ungdom dialog", "nb ru ti"),
    ("Hinduistisk kulturforum Oslo", "RES", "st-hanshaugen", "hindus", "dialog kultur", "nb hi ta"),
    ("Buddhistisk meditasjonssenter Sagene", "FAITH", "sagene", "buddhists", "helse dialog", "nb vi th"),
    ("Sikh-menigheten Haugerud", "FAITH", "alna", "sikhs", "dialog eldre", "pa nb"),
    ("Sikh ungdomsforum Oslo", "VOL", "grorud", "sikhs", "ungdom unge-ledere", "pa nb en"),
    ("Arabisk morsmålsskole Grønland", "EDU", "gamle-oslo", "arabic-speakers", "sprak utdanning", "ar nb"),
    ("Arabisktalende foreldrenettverk", "RES", "stovner", "arabic-speakers", "utdanning diskrimineringsvern", "ar nb"),
    ("Persisk språk- og kulturforening", "IMM", "frogner", "persian-speakers", "sprak kultur", "fa nb"),
    ("Dari- og farsitalende kvinneforum", "RES", "bjerke", "persian-speakers", "kvinner helse", "prs fa nb"),
    ("Russiskspråklig foreldreforening Oslo", "IMM", "nordre-aker", "russian-speakers", "utdanning sprak", "ru nb"),
    ("Russisktalende seniorer i Oslo", "RES", "ullern", "russian-speakers", "eldre helse", "ru nb"),
    ("Regnbueklubben Groruddalen", "VOL", "grorud", "lgbtiq", "ungdom diskrimineringsvern", "nb en"),
    ("Regnbuetreffet Løkka", "VOL", "grunerlokka", "lgbtiq", "helse tilhorighet", "nb en"),
    ("Nettverk for skeive med minoritetsbakgrunn", "RES", "st-hanshaugen", "lgbtiq-minority", "diskrimineringsvern tilhorighet", "nb en ar ur"),
    ("Samtaleforum for skeive i trossamfunn", "VOL", "sagene", "lgbtiq-minority", "dialog tilhorighet", "nb en"),
    ("Døves kultursenter Oslo øst", "VOL", "ostensjo", "deaf", "kultur sprak", "nsl nb"),
    ("Tegnspråklig foreldrelag", "RES", "nordre-aker", "deaf", "utdanning sprak", "nsl nb"),
    ("Flerkulturelt funksjonsmangfold Oslo", "RES", "nordstrand", "disabled", "helse likeverdige-tjenester", "nb ur so"),
    ("Tilgjengelig idrett Nordstrand", "VOL", "nordstrand", "disabled", "idrett", "nb"),
    # Schools (part of Utdanningsetaten), businesses, other and voluntary organisations
    # without a minority community: the "wider society".
    ("Alnaparken skole", "EDU", "alna", "", "utdanning", "nb"),
    ("Romsåsen ungdomsskole", "EDU", "grorud", "", "utdanning ungdom", "nb"),
    ("Vestlia skole", "EDU", "stovner", "", "utdanning", "nb"),
    ("Stovnerhøgda skole", "EDU", "stovner", "", "utdanning", "nb"),
    ("Holmlia vest skole", "EDU", "sondre-nordstrand", "", "utdanning", "nb"),
    ("Sagenebakken skole", "EDU", "sagene", "", "utdanning", "nb"),
    ("Bjerkedalen videregående skole", "EDU", "bjerke", "", "utdanning arbeid-unge", "nb en"),
    ("Lambertseterlia skole", "EDU", "ostensjo", "", "utdanning", "nb"),
    ("Voksenopplæringen Tøyen", "EDU", "gamle-oslo", "", "sprak utdanning", "nb en"),
    ("Fjellhagen Byggservice AS", "BUS", "alna", "", "arbeid-unge", "nb pl"),
    ("Groruddalen Bemanning og Rekruttering AS", "BUS", "grorud", "", "arbeid-unge", "nb en"),
    ("Tolketorget AS", "BUS", "gamle-oslo", "", "likeverdige-tjenester sprak", "nb en ar so ur"),
    ("Stovner Bakeri og Konditori AS", "BUS", "stovner", "", "arbeid-unge", "nb"),
    ("Alnabru Lagerpartner AS", "BUS", "alna", "", "arbeid-unge", "nb"),
    ("Furuset Regnskapskontor AS", "BUS", "alna", "", "arbeid-unge", "nb ur"),
    ("Tøyen Sosiale Entreprenørverksted AS", "BUS", "gamle-oslo", "", "arbeid-unge unge-ledere", "nb en"),
    ("Holmlia Mat og Catering AS", "BUS", "sondre-nordstrand", "", "arbeid-unge", "nb"),
    ("Løkka Trykk og Design AS", "BUS", "grunerlokka", "", "kultur", "nb"),
    ("Ullern Eiendomsdrift AS", "BUS", "ullern", "", "bolig", "nb"),
    ("Vinderen IT-verksted AS", "BUS", "vestre-aker", "", "arbeid-unge", "nb en"),
    ("Bjerke Bilpleie AS", "BUS", "bjerke", "", "arbeid-unge", "nb"),
    ("Stiftelsen Inkluderingsfondet Øst", "OTH", "alna", "", "arbeid-unge tilhorighet", "nb"),
    ("Innovasjonsverkstedet Bjørvika", "OTH", "gamle-oslo", "", "arbeid-unge unge-ledere", "nb en"),
    ("Borettslaget Furusetlia", "OTH", "alna", "", "bolig", "nb"),
    ("Bjerke bydelsavis", "OTH", "bjerke", "", "kultur", "nb"),
    ("Groruddalen nærradio", "OTH", "grorud", "", "kultur ungdom", "nb ur so"),
    ("Stiftelsen Nabobroen", "OTH", "st-hanshaugen", "", "dialog tilhorighet", "nb en"),
    ("Leksehjelpen Haugerud", "VOL", "alna", "", "utdanning", "nb"),
    ("Nabolagshagen Tøyenparken", "VOL", "gamle-oslo", "", "helse tilhorighet", "nb"),
    ("Seniornettverket Lambertseter", "VOL", "ostensjo", "", "eldre", "nb"),
    ("Sykkelverkstedet Vestli", "VOL", "stovner", "", "ungdom arbeid-unge", "nb"),
    ("Turlaget Grorud frivillige", "VOL", "grorud", "", "idrett helse", "nb"),
    ("Kor for alle Sagene", "VOL", "sagene", "", "kultur", "nb"),
    ("Bokvenner Bjerke", "VOL", "bjerke", "", "sprak kultur", "nb"),
    ("Ungdomsklubben Rommen nord", "VOL", "stovner", "", "ungdom", "nb"),
    ("Holmlia sjakk og brett", "VOL", "sondre-nordstrand", "", "ungdom", "nb"),
    ("Kvinnekafeen Majorstuen", "VOL", "frogner", "", "kvinner", "nb"),
    ("Foreldrenettverket Stovner skolekrets", "VOL", "stovner", "", "utdanning", "nb"),
    ("Ski- og turlaget Østensjø", "VOL", "ostensjo", "", "idrett", "nb"),
    ("Velforeningen Bjørndal", "VOL", "sondre-nordstrand", "", "bolig", "nb"),
    ("Tøyen leseklubb", "VOL", "gamle-oslo", "", "sprak", "nb"),
    ("Språkkafévennene Alna", "VOL", "alna", "", "sprak", "nb"),
    ("Sagene dugnadsnettverk", "VOL", "sagene", "", "bolig tilhorighet", "nb"),
    ("Ullern ungdomsteater", "VOL", "ullern", "", "kultur ungdom", "nb"),
    ("Frogner besøksvenner", "VOL", "frogner", "", "eldre", "nb"),
    ("Vestre Aker turgruppe", "VOL", "vestre-aker", "", "idrett eldre", "nb"),
    ("St. Hanshaugen kulturkafé", "VOL", "st-hanshaugen", "", "kultur", "nb"),
    ("Fritidsbankvennene Nordre Aker", "VOL", "nordre-aker", "", "idrett ungdom", "nb"),
    ("Løkka gatefotball", "VOL", "grunerlokka", "", "idrett ungdom", "nb"),
    ("Nordstrand frivillige leksehjelp", "VOL", "nordstrand", "", "utdanning", "nb"),
)

# Community organisations that also serve neighbouring communities (SERVES).
SERVES = {
    "arabisktalende-foreldrenettverk": "syrians iraqis moroccans",
    "dari-og-farsitalende-kvinneforum": "afghans",
    "katolsk-innvandrerdiakoni-oslo": "polish",
    "nettverk-for-skeive-med-minoritetsbakgrunn": "muslims",
}
NAV = {"alna", "stovner", "grunerlokka", "gamle-oslo", "sondre-nordstrand"}
PUBLIC_KINDS = {MUN, PUB}

# Each community's second anchor ties to this public body besides its district (see README).
SECOND_PUBLIC = {
    "NATIONAL_MINORITY": "kulturetaten",
    "INDIGENOUS": "sametinget",
    "ORIGIN": "imdi",
    "RELIGION": "emi",
    "LANGUAGE": "utdanningsetaten",
    "SEXUAL_ORIENTATION_GENDER_IDENTITY": "helseetaten",
    "DISABILITY": "helseetaten",
}

# --- people --------------------------------------------------------------------------------

FIRST_NAMES = {
    "": "Kari Ola Ingrid Lars Silje Erik Nora Henrik Marte Jonas Hanne Anders Tone Eirik Siri Kristian Guro Magnus",
    "jews": "Miriam David Rakel Benjamin",
    "kvens": "Liisa Eero Aino Pekka",
    "forest-finns": "Marit Olli Signe Halvor",
    "roma": "Sofia Milan Rosa Stefan",
    "romani-tater": "Elvira Johan Ingeborg Karl",
    "sami": "Máret Ánde Elle Niillas",
    "south-sami": "Risten Mattias Elsa Nils",
    "somali": "Amina Abdirahman Hodan Farah",
    "pakistani": "Ayesha Imran Sana Bilal",
    "polish": "Agnieszka Tomasz Katarzyna Piotr",
    "eritreans": "Senait Yonas Helen Dawit",
    "syrians": "Rania Omar Lina Khaled",
    "iraqis": "Zainab Ali Shirin Hawre",
    "vietnamese": "Thu Minh Lan Duc",
    "tamils": "Selvi Kumar Priya Suresh",
    "filipinos": "Maricel Jomar Rosalie Joel",
    "turks": "Elif Emre Ayse Murat",
    "afghans": "Mariam Ahmad Parwana Farid",
    "ukrainians": "Olena Andrii Iryna Taras",
    "chileans": "Camila Felipe Valentina Rodrigo",
    "moroccans": "Samira Youssef Nadia Karim",
    "sikhs": "Harpreet Gurpreet Manjit Jaspal",
    "hindus": "Lakshmi Arjun Kavitha Ravi",
    "russian-speakers": "Natalia Sergei Anna Dmitrij",
    "persian-speakers": "Shabnam Reza Leila Dariush",
}
# Surnames that no one carries: a placeholder word plus a Norwegian place-name ending.
SURNAME_STEMS = ("Eksempel", "Demo", "Fiktiv", "Prøve", "Test", "Oppdikt", "Mønster", "Plasshold")
SURNAME_ENDINGS = ("sen", "rud", "stad", "berg", "dal", "haug", "vik", "land", "li", "heim", "nes", "moen", "lund", "bakken")

ROLES = {
    "IMMIGRANT_ORGANISATION": ("styreleder", "leder", "nestleder", "sekretær"),
    "FAITH_COMMUNITY": ("styreleder", "daglig leder", "menighetsrådsleder"),
    "VOLUNTARY_ORGANISATION": ("leder", "frivillighetskoordinator", "styremedlem"),
    "RESOURCE_COMMUNITY": ("koordinator", "kontaktperson", "nettverksleder"),
    "MUNICIPAL_UNIT": ("mangfoldsrådgiver", "spesialrådgiver", "seniorrådgiver", "enhetsleder"),
    "PUBLIC_BODY": ("seniorrådgiver", "rådgiver", "veileder"),
    "EDUCATION": ("rektor", "inspektør", "miljøarbeider"),
    "BUSINESS": ("daglig leder", "HR-ansvarlig"),
    "OTHER": ("daglig leder", "prosjektleder", "redaktør"),
}
EMI_STAFF = ("seksjonssjef", "seniorrådgiver", "seniorrådgiver", "rådgiver", "rådgiver")

# --- activities ----------------------------------------------------------------------------

# name, kind, start, end, areas, topics, OXLO stamp, description, participants. Participants:
# "key:ROLE" for one organisation, "@pool:n:ROLE" for n drawn from a pool (see _pools);
# the role defaults to PARTICIPANT.
EVENTS = (
    ("OXLO-konferansen 2018", "CONFERENCE", "2018-10-18", "2018-10-18", "oslo", "likeverdige-tjenester tilhorighet", True,
     "Byens årlige mangfoldskonferanse, med kommunale virksomheter og minoritetsmiljøer.",
     "emi:ORGANISER imdi @districts:4 @agencies:2 @community:5"),
    ("OXLO-konferansen 2021", "CONFERENCE", "2021-11-04", "2021-11-04", "oslo", "likeverdige-tjenester diskrimineringsvern", True,
     "Konferansen ble holdt digitalt, med tema diskriminering i møte med tjenestene.",
     "emi:ORGANISER velferdsetaten likestillings-og-diskrimineringsombudet @districts:3 @community:6"),
    ("OXLO-konferansen 2024", "CONFERENCE", "2024-10-24", "2024-10-24", "oslo", "likeverdige-tjenester unge-ledere", True,
     "Unge ledere fra minoritetsmiljøene møtte ledere i kommunen.",
     "emi:ORGANISER imdi @districts:4 @youth:5 @wider:1"),
    ("Seminar: likeverdige tjenester i bydelene", "SEMINAR", "2019-03-12", "2019-03-12", "oslo", "likeverdige-tjenester", False,
     "Erfaringsdeling mellom bydelene om hvordan de kjenner befolkningen de betjener.",
     "emi:ORGANISER @districts:6 @community:2"),
    ("Seminar om negativ sosial kontroll i skolen", "SEMINAR", "2022-02-08", "2022-02-08", "oslo", "diskrimineringsvern utdanning", False,
     "Lærere, rådgivere og foreldreorganisasjoner om hvordan skolen kan oppdage og møte sosial kontroll.",
     "emi:ORGANISER utdanningsetaten @schools:3 @origin:2"),
    ("Seminar om nasjonale minoriteter i Oslo", "SEMINAR", "2020-09-15", "2020-09-15", "oslo", "kultur diskrimineringsvern", False,
     "Om historien og rettighetene til jøder, kvener, rom og romanifolk, og hva kommunen kan gjøre.",
     "emi:ORGANISER kulturetaten innlandet-fylkeskommune @natmin:4"),
    ("Seminar: samisk språk og kultur i barnehage og skole", "SEMINAR", "2023-02-06", "2023-02-06", "oslo", "sprak utdanning", False,
     "Holdt rundt samefolkets dag, for ansatte i barnehager og skoler.",
     "utdanningsetaten:ORGANISER sametinget @sami:3"),
    ("Regionalt erfaringsseminar om inkludering", "SEMINAR", "2023-05-10", "2023-05-11", "oslo lillestrom baerum drammen", "likeverdige-tjenester", False,
     "Kommuner i hovedstadsregionen deler erfaringer med inkluderingsarbeid.",
     "emi:ORGANISER imdi lillestrom-kommune baerum-kommune drammen-kommune"),
    ("Kurs: kommunikasjon via tolk", "COURSE", "2019-05-21", "2019-05-22", "oslo", "likeverdige-tjenester helse", False,
     "Kurs for ansatte i helse- og velferdstjenester om å bruke kvalifisert tolk.",
     "helseetaten:ORGANISER tolketorget-as @nav:2 @districts:3"),
    ("Kurs: OXLO-guiden for ansatte", "COURSE", "2021-09-01", "2021-12-01", "oslo", "likeverdige-tjenester", True,
     "Kursrekke om kommunens egen veileder for likeverdige tjenester.",
     "emi:ORGANISER @districts:4 @agencies:2"),
    ("Kurs i foreningsdrift og søknadsskriving 2018", "COURSE", "2018-02-05", "2018-03-12", "oslo", "unge-ledere", False,
     "Kveldskurs for styremedlemmer i minoritetsorganisasjoner: regnskap, årsmøter og søknader.",
     "emi:ORGANISER @origin:4 @faith:2"),
    ("Kurs i foreningsdrift og søknadsskriving 2023", "COURSE", "2023-01-16", "2023-02-27", "oslo", "unge-ledere", False,
     "Ny runde av kveldskurset, nå også for ressursnettverk.",
     "emi:ORGANISER velferdsetaten @community:6"),
    ("Kurs: skeive med minoritetsbakgrunn i møte med tjenestene", "COURSE", "2022-04-20", "2022-04-20", "oslo", "diskrimineringsvern helse", False,
     "Kurs for ansatte om skeive som også tilhører en etnisk eller religiøs minoritet.",
     "helseetaten:ORGANISER @lgbtiq:3 @districts:2"),
    ("Kvinnekafé Stovner", "MEETING_PLACE", "2017-01-10", None, "stovner", "kvinner helse", False,
     "Ukentlig møteplass for kvinner i bydelen, med språktrening og helseinformasjon.",
     "bydel-stovner:ORGANISER @women:4 @area-stovner:2"),
    ("Dialogkveld for trossamfunn i Groruddalen", "MEETING_PLACE", "2019-11-14", "2019-11-14", "grorud stovner alna", "dialog", False,
     "Trossamfunn i dalen inviterte naboer og bydelene til samtale.",
     "bydel-grorud:ORGANISER bydel-alna @faith:4 @area-grorud:1"),
    ("Møteplass for eldre med minoritetsbakgrunn", "MEETING_PLACE", "2021-03-02", None, "sondre-nordstrand", "eldre helse", False,
     "Formiddagstreff med informasjon om helse- og omsorgstjenester på flere språk.",
     "bydel-sondre-nordstrand:ORGANISER @elderly:4"),
    ("Ungdomskafé Tøyen", "MEETING_PLACE", "2020-08-20", None, "gamle-oslo", "ungdom unge-ledere", False,
     "Åpent hus for ungdom, drevet sammen med lokale foreninger.",
     "bydel-gamle-oslo:ORGANISER @area-gamle-oslo:4"),
    ("Dialogforum for tros- og livssynssamfunn i Oslo", "NETWORK", "2016-04-01", None, "oslo", "dialog", False,
     "Fast forum der tros- og livssynssamfunn møter kommunen og hverandre.",
     "emi:ORGANISER oslo-politidistrikt @faith:8"),
    ("Nettverk for nasjonale minoriteter i Oslo", "NETWORK", "2018-01-15", None, "oslo", "kultur diskrimineringsvern", False,
     "Kontaktnettverk mellom organisasjonene til de nasjonale minoritetene og offentlige instanser.",
     "emi:ORGANISER kulturetaten innlandet-fylkeskommune @natmin:6"),
    ("Samisk kontaktforum Oslo", "NETWORK", "2017-02-06", None, "oslo", "kultur sprak", False,
     "Møtes to ganger i året om samiske tilbud i hovedstaden.",
     "kulturetaten:ORGANISER sametinget @sami:5"),
    ("Foreldrenettverk Groruddalen", "NETWORK", "2019-09-01", None, "grorud stovner alna", "utdanning", False,
     "Skoler, bydeler og foreldreorganisasjoner samarbeider om skole-hjem-kontakt.",
     "bydel-grorud:ORGANISER bydel-stovner @schools:3 @comm-somali:1 @comm-pakistani:1 @comm-turks:1"),
    ("Nettverk for likeverdige helsetjenester", "NETWORK", "2022-01-20", None, "oslo", "helse likeverdige-tjenester", False,
     "Helseetaten, bydeler og brukerorganisasjoner om tilgjengelige helsetjenester.",
     "helseetaten:ORGANISER @districts:2 @disability:3 @women:2"),
    ("Arbeidslivsnettverket Groruddalen", "NETWORK", "2021-06-01", None, "grorud stovner alna bjerke", "arbeid-unge", False,
     "NAV-kontorer, bedrifter og foreninger om praksisplasser og jobb for unge voksne.",
     "nav-alna:ORGANISER nav-stovner @business:4 @origin:2"),
    ("OXLO-kampanjen «Byen er din»", "CAMPAIGN", "2019-06-01", "2019-09-30", "oslo", "tilhorighet", True,
     "Plakater og arrangementer om at byen tilhører alle som bor her.",
     "emi:ORGANISER kulturetaten @community:3 @wider:2"),
    ("OXLO-kampanjen mot hatprat", "CAMPAIGN", "2022-03-21", "2022-06-30", "oslo", "dialog diskrimineringsvern", True,
     "Kampanje i sosiale medier og på skoler mot hatprat.",
     "emi:ORGANISER oslo-politidistrikt @schools:2 @community:3"),
    ("OXLO-uka i Groruddalen 2024", "CAMPAIGN", "2024-09-16", "2024-09-22", "grorud stovner alna bjerke", "tilhorighet kultur", True,
     "En uke med åpne arrangementer i bydelene i Groruddalen.",
     "emi:ORGANISER bydel-grorud bydel-stovner @area-grorud:2 @area-stovner:2"),
    ("OXLO-stempel: Mangfoldsfest på Holmlia 2025", "CAMPAIGN", "2025-06-07", "2025-06-07", "sondre-nordstrand", "tilhorighet kultur", True,
     "Bydelens sommerfest med OXLO-stempel.",
     "bydel-sondre-nordstrand:ORGANISER @area-sondre-nordstrand:4"),
    ("Kartlegging av minoritetsorganisasjoner i Søndre Nordstrand", "PROJECT", "2020-02-01", "2020-12-15", "sondre-nordstrand", "likeverdige-tjenester", False,
     "Bydelen kartla hvilke foreninger som finnes og hvem de når.",
     "bydel-sondre-nordstrand:LEAD emi:PARTNER @area-sondre-nordstrand:3"),
    ("Tospråklige helseformidlere", "PROJECT", "2018-03-01", "2020-06-30", "oslo", "helse", False,
     "Helseinformasjon formidlet av frivillige på eget språk.",
     "helseetaten:LEAD @women:3"),
    ("Mottak av ukrainske flyktninger – frivillig støtte", "PROJECT", "2022-03-07", "2023-06-30", "frogner ostensjo", "bolig tilhorighet", False,
     "Frivillige, NAV og bydeler samordnet hjelp til nyankomne fra Ukraina.",
     "velferdsetaten:LEAD emi:PARTNER nav-gamle-oslo bydel-frogner @comm-ukrainians:3"),
    # Activities of the planted communities: only their own organisations take part.
    ("Chilensk kulturkveld 2023", "MEETING_PLACE", "2023-09-16", "2023-09-16", "sagene", "kultur", False,
     "Musikk, mat og minner fra Chile.",
     "chilensk-kulturforening-oslo:ORGANISER chilensk-folkedansgruppe chilenske-seniorer-i-oslo"),
    ("Filippinsk sommerfest 2024", "MEETING_PLACE", "2024-06-15", "2024-06-15", "st-hanshaugen", "kultur", False,
     "Sommerfest for filippinske familier og au pairer.",
     "filippinsk-forening-oslo:ORGANISER filippinsk-kor-og-kulturlag filippinske-au-pairers-nettverk"),
    ("Skogfinsk kulturdag 2022", "MEETING_PLACE", "2022-08-20", "2022-08-20", "grue", "kultur sprak", False,
     "Dag med sang, fortelling og slektsforskning på Finnskogen.",
     "skogfinsk-kulturforum-oslo:ORGANISER skogfinsk-slektslag finnskogen-ungdomsnettverk skogfinsk-sangverksted"),
)

# Grant projects: year, title, priority topics, participants (the lead first). Velferdsetaten
# is added as FUNDER when the grant is granted.
GRANTS = (
    (2017, "Sommerjobb og mentor for unge i Stovner", "arbeid-unge", "@area-stovner:1:LEAD @business:1:PARTNER"),
    (2017, "Trygg i to kulturer – samtalegrupper for foreldre", "tilhorighet diskrimineringsvern", "@origin:1:LEAD @wider:1:PARTNER"),
    (2018, "Unge ledere i idrettslaget", "unge-ledere", "@sport:1:LEAD @origin:1:PARTNER"),
    (2018, "Åpen moské – dialogkvelder for naboer", "dialog", "@comm-muslims:1:LEAD @wider:1:PARTNER"),
    (2019, "Praksisplasser i lokale bedrifter", "arbeid-unge", "@origin:1:LEAD @business:2:PARTNER"),
    (2019, "Jenter som forbilder", "unge-ledere", "@women:1:LEAD @schools:1:PARTNER"),
    (2020, "Digital leksehjelp på morsmål", "tilhorighet", "@comm-arabic-speakers:1:LEAD @schools:1:PARTNER"),
    (2020, "Nettverk mot negativ sosial kontroll", "diskrimineringsvern", "@women:1:LEAD @origin:1:PARTNER"),
    (2021, "Unge stemmer mot hatprat", "dialog unge-ledere", "@youth:1:LEAD @faith:1:PARTNER"),
    (2021, "Kokkelære – arbeidstrening i kantine", "arbeid-unge", "holmlia-mat-og-catering-as:LEAD @origin:1:PARTNER"),
    (2022, "Trosdialog for ungdom", "dialog", "@faith:1:LEAD @faith:1:PARTNER"),
    (2022, "Ny i Oslo – tilhørighet for ukrainske ungdommer", "tilhorighet", "@comm-ukrainians:1:LEAD @wider:1:PARTNER"),
    (2023, "Sosialt entreprenørskap for unge voksne", "arbeid-unge unge-ledere", "toyen-sosiale-entreprenorverksted-as:LEAD @origin:1:PARTNER"),
    (2023, "Skeiv og troende – trygge samtalerom", "diskrimineringsvern tilhorighet", "@lgbtiq:1:LEAD @faith:1:PARTNER"),
    (2024, "Fotballtrenere med flerkulturell bakgrunn", "unge-ledere", "@sport:1:LEAD @origin:1:PARTNER"),
    (2024, "Rett til å velge – kurs om sosial kontroll", "diskrimineringsvern", "@origin:1:LEAD @schools:1:PARTNER"),
    (2025, "Ungdomsråd for trossamfunn", "dialog unge-ledere", "@faith:1:LEAD @youth:1:PARTNER"),
    (2025, "Jobbsjanse i handel og logistikk", "arbeid-unge", "alnabru-lagerpartner-as:LEAD @origin:2:PARTNER"),
    (2026, "Kulturbro – felles festivaler for ungdom", "tilhorighet", "@origin:1:LEAD @origin:1:PARTNER @wider:1:PARTNER"),
    (2026, "Mentorer i videregående skole", "arbeid-unge", "bjerkedalen-videregaende-skole:LEAD @youth:1:PARTNER"),
)
GRANT_DISTRICT_PARTNER = 0.5  # chance that the lead's district unit joins as a partner

NOTES = {
    "public": ("Faste kontaktmøter to ganger i året.", "Henviser brukere til hverandre."),
    "bonding": ("Felles arrangementer og dugnader.", "Deler lokaler.", "Felles styremedlemmer."),
    "bridging": ("Samarbeid om leksehjelp.", "Henviser familier til hverandre.", "Felles søknad om tilskudd.",
                 "Bydelen låner ut lokaler.", "Deltar i bydelens frivillighetsforum."),
}
# The public backbone besides EMI and the districts.
EMI_PUBLIC_PARTNERS = (
    "imdi", "utdanningsetaten", "helseetaten", "kulturetaten", "velferdsetaten",
    "likestillings-og-diskrimineringsombudet", "statsforvalteren-i-oslo-og-akershus",
    "oslo-politidistrikt", "innlandet-fylkeskommune", "lillestrom-kommune", "baerum-kommune",
    "drammen-kommune", "sametinget",
)
PUBLIC_TIES = (
    ("imdi", "lillestrom-kommune"), ("imdi", "baerum-kommune"), ("imdi", "drammen-kommune"),
    ("imdi", "velferdsetaten"), ("kulturetaten", "innlandet-fylkeskommune"),
    ("kulturetaten", "sametinget"), ("helseetaten", "bydel-stovner"), ("helseetaten", "bydel-alna"),
    ("helseetaten", "bydel-gamle-oslo"), ("oslo-politidistrikt", "bydel-grorud"),
    ("oslo-politidistrikt", "bydel-sondre-nordstrand"), ("utdanningsetaten", "bydel-stovner"),
    ("statsforvalteren-i-oslo-og-akershus", "likestillings-og-diskrimineringsombudet"),
    ("utdanningsetaten", "bydel-grorud"), ("oslo-kommune", "velferdsetaten"),
    ("oslo-kommune", "imdi"), ("oslo-kommune", "statsforvalteren-i-oslo-og-akershus"),
)
# fmt: on

# --- helpers -------------------------------------------------------------------------------

_FOLD = str.maketrans({"ø": "o", "æ": "ae", "å": "a"})


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def mod11(first_eight: str) -> int | None:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    rest = sum(int(d) * w for d, w in zip(first_eight, weights, strict=True)) % 11
    return {0: 0, 1: None}.get(rest, 11 - rest)


@dataclass
class Org:
    key: str
    name: str
    kind: str
    areas: list[str]
    represents: list[str]
    topics: list[str]
    languages: list[str]
    serves: list[str] = field(default_factory=list)
    part_of: str | None = None
    description: str | None = None
    fictional: bool = True

    @property
    def public(self) -> bool:
        return self.kind in PUBLIC_KINDS

    @property
    def district(self) -> str | None:
        return next((a for a in self.areas if a in POSTAL), None)


class Network:
    """The whole demo under construction, with the random generator that shapes it."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.orgs: dict[str, Org] = {}
        self.ties: dict[frozenset[str], dict[str, Any]] = {}
        self.activities: list[dict[str, Any]] = []
        self.community_dim = {key: dim for key, _, dim, _, _ in COMMUNITIES}
        self.planted = {HINGE_ORG}  # organisations kept out of every generated tie

    # organisations

    def build_orgs(self) -> None:
        units = [
            (f"bydel-{key}", f"Bydel {name}", MUN, key, "oslo-kommune", "likeverdige-tjenester",
             "", f"Bydelsadministrasjonen i {name}.")
            for key, name, _, _ in DISTRICTS
        ]  # fmt: skip
        rows = (*PUBLIC[:6], *units, *PUBLIC[6:])  # the districts after the agencies
        for key, name, kind, areas, part_of, topics, serves, desc in rows:
            org = Org(key, name, kind, areas.split(), [], topics.split(), ["nb", "en"])
            org.serves, org.part_of, org.description = serves.split(), part_of, desc
            org.fictional = False
            self._add(org)
        for name, kind, areas, represents, topics, languages in FICTIONAL:
            org = Org(
                slug(name),
                name,
                KINDS[kind],
                areas.split(),
                represents.split(),
                topics.split(),
                languages.split(),
            )
            org.serves = SERVES.get(org.key, "").split()
            if org.kind == "EDUCATION" and not org.represents:
                org.part_of = "utdanningsetaten"  # a municipal school
            self._add(org)
        for org in self.orgs.values():
            if set(org.represents) & {*GAP_COMMUNITIES, HINGE_COMMUNITY}:
                self.planted.add(org.key)
        self.planted |= set(ISOLATES)

    def _add(self, org: Org) -> None:
        assert org.key not in self.orgs, org.key
        self.orgs[org.key] = org

    def members(self, community: str) -> list[str]:
        return [o.key for o in self.orgs.values() if community in o.represents]

    def _pools(self) -> dict[str, list[str]]:
        free = [o for o in self.orgs.values() if o.key not in self.planted]
        community = [o for o in free if o.represents]
        wider = [o for o in free if not o.represents and not o.public]

        def keys(orgs: list[Org]) -> list[str]:
            return [o.key for o in orgs]

        def having(*topics: str) -> list[str]:
            return keys([o for o in community if set(topics) & set(o.topics)])

        def of_dims(*dims: str) -> list[str]:
            return keys(
                [o for o in community if any(self.community_dim[c] in dims for c in o.represents)]
            )

        pools = {
            "districts": [f"bydel-{d}" for d, _, _, _ in DISTRICTS],
            "agencies": ["utdanningsetaten", "helseetaten", "kulturetaten"],
            "nav": [f"nav-{d}" for d, _, _, _ in DISTRICTS if d in NAV],
            "schools": keys([o for o in wider if o.kind == "EDUCATION"]),
            "business": keys([o for o in wider if o.kind == "BUSINESS"]),
            "wider": keys([o for o in wider if o.kind == "VOLUNTARY_ORGANISATION"]),
            "other": keys([o for o in wider if o.kind == "OTHER"]),
            "community": keys(community),
            "origin": of_dims("ORIGIN"),
            "faith": keys([o for o in community if o.kind == "FAITH_COMMUNITY"]),
            "natmin": of_dims("NATIONAL_MINORITY"),
            "sami": of_dims("INDIGENOUS"),
            "lgbtiq": of_dims("SEXUAL_ORIENTATION_GENDER_IDENTITY"),
            "disability": of_dims("DISABILITY"),
            "women": having("kvinner"),
            "youth": having("ungdom", "unge-ledere", "arbeid-unge"),
            "elderly": having("eldre"),
            "sport": keys([o for o in free if "idrett" in o.topics and not o.public]),
        }
        for c_key, *_ in COMMUNITIES:
            pools[f"comm-{c_key}"] = [k for k in self.members(c_key) if k not in self.planted]
        for d_key, *_ in DISTRICTS:
            pools[f"area-{d_key}"] = keys([o for o in free if d_key in o.areas and not o.public])
        return pools

    # collaborations

    def tie(self, a: str, b: str, *, lasting: bool = False, latest: int = 2026) -> bool:
        """Add a collaboration unless the pair is already tied; `lasting` ties never end."""
        pair = frozenset((a, b))
        if a == b or pair in self.ties:
            return False
        oa, ob = self.orgs[a], self.orgs[b]
        rng = self.rng
        if oa.public and ob.public:
            category, weights = "public", (8, 6, 5, 4, 4, 3, 3, 3, 3, 2, 2, 1)
            kind = rng.choice(("CONSULTATION", "REFERRAL", "CONSULTATION", "OTHER"))
            strength = rng.randint(2, 4)
        elif set(oa.represents) & set(ob.represents):
            category, weights = "bonding", (10, 10, 9, 8, 7, 6, 5, 4, 3, 3, 2, 1)
            kind = rng.choice(("PARTNERSHIP", "NETWORK_MEMBERSHIP", "PARTNERSHIP"))
            strength = rng.randint(3, 5)
        else:
            # Bridging ties grow more common year by year: the trend the analysis should see.
            category, weights = "bridging", (1, 1, 2, 3, 4, 5, 7, 8, 9, 10, 10, 4)
            public = oa.public or ob.public
            kind = rng.choice(
                ("CONSULTATION", "FUNDING", "PARTNERSHIP", "REFERRAL")
                if public
                else ("PARTNERSHIP", "REFERRAL", "NETWORK_MEMBERSHIP", "OTHER")
            )
            strength = rng.randint(1, 4)
        first = 2022 if "ukrainians" in oa.represents + ob.represents else 2015
        years = list(range(first, latest + 1))
        year = rng.choices(years, weights=weights[first - 2015 : latest - 2015 + 1])[0]
        start = date(year, rng.randint(1, 10 if year == 2026 else 12), rng.randint(1, 28))
        props: dict[str, Any] = {"a": a, "b": b, "kind": kind, "strength": strength}
        props["start_date"] = start
        if not lasting and rng.random() < 0.2:
            end = start + timedelta(days=rng.randint(300, 1500))
            if end <= LATEST:
                props["end_date"] = end
        source_year = min(year + rng.randint(0, 2), 2026)
        props["source"] = rng.choice(
            (
                f"EMI-møte {source_year}",
                f"søknad {year}",
                f"årsrapport {source_year}",
                f"bydelens kartlegging {source_year}",
                f"nettverksmøte {source_year}",
            )
        )
        if rng.random() < 0.12:
            props["note"] = rng.choice(NOTES[category])
        self.ties[pair] = props
        return True

    def build_ties(self) -> None:
        rng, orgs = self.rng, self.orgs
        districts = [d for d, _, _, _ in DISTRICTS]
        # The public backbone: EMI advises every district and works with the agencies.
        for d in districts:
            self.tie("emi", f"bydel-{d}", lasting=True)
            if d in NAV:
                self.tie(f"bydel-{d}", f"nav-{d}", lasting=True)
                self.tie("velferdsetaten", f"nav-{d}")
        for other in EMI_PUBLIC_PARTNERS:
            self.tie("emi", other, lasting=True)
        for a, b in PUBLIC_TIES:
            self.tie(a, b)
        # Anchors: in every community outside the planted structure, the first two member
        # organisations (in table order) have lasting ties to their district and to EMI or
        # a public body fitting the community, so no single node can cut it off.
        for c_key, _, dim, _, _ in COMMUNITIES:
            if c_key in (*GAP_COMMUNITIES, HINGE_COMMUNITY):
                continue
            members = [k for k in self.members(c_key) if k not in self.planted]
            first, second = members[0], members[1]
            self.tie(first, f"bydel-{orgs[first].district}", lasting=True, latest=2024)
            self.tie(first, "emi", lasting=True, latest=2024)
            self.tie(second, f"bydel-{orgs[second].district}", lasting=True, latest=2024)
            self.tie(second, SECOND_PUBLIC[dim], lasting=True, latest=2024)
            # Bonding: every other member works with an anchor, some with each other.
            for key in members[2:]:
                self.tie(key, rng.choice((first, second)))
            for a, b in itertools.combinations(members, 2):
                if rng.random() < 0.7:
                    self.tie(a, b)
        pools = self._pools()
        community = pools["community"]
        wider_all = pools["schools"] + pools["business"] + pools["wider"] + pools["other"]
        # EMI is the broker: it knows many more community organisations than the anchors.
        for key in rng.sample(community, 18):
            self.tie("emi", key)
        # Wider society works with its district, some also with NAV or an agency.
        for key in wider_all:
            district = orgs[key].district
            self.tie(key, f"bydel-{district}")
            if rng.random() < 0.35:
                self.tie(
                    key, f"nav-{district}" if district in NAV else rng.choice(pools["agencies"])
                )
        # Community organisations find partners in the wider society, mostly nearby.
        for key in community:
            nearby = [k for k in wider_all if orgs[k].district == orgs[key].district] or wider_all
            for partner in rng.sample(nearby, min(len(nearby), rng.choice((1, 1, 2)))):
                self.tie(key, partner)
        # Across community lines: shared topic or district.
        added = 0
        while added < 30:
            a, b = rng.sample(community, 2)
            oa, ob = orgs[a], orgs[b]
            close = set(oa.topics) & set(ob.topics) or oa.district == ob.district
            if close and not set(oa.represents) & set(ob.represents):
                added += self.tie(a, b)
        added = 0
        while added < 15:
            a, b = rng.sample(wider_all, 2)
            if orgs[a].district == orgs[b].district:
                added += self.tie(a, b)
        # No one outside the planted structure hangs on a single partner: a pendant would make
        # its partner an articulation point the analysis should not have to explain.
        for key, org in orgs.items():
            while key not in self.planted and self._degree(key) < 2:
                nearby = [*pools.get(f"area-{org.district}", []), f"bydel-{org.district}"]
                fresh = [k for k in nearby if k in orgs and frozenset((key, k)) not in self.ties]
                self.tie(key, rng.choice(fresh or wider_all))
        self._biconnect()
        self._planted_ties()

    def _biconnect(self) -> None:
        """Tie across every cut point, so that outside the planted structure no single
        organisation holds the network together (EMI included), even once ended ties are
        left out."""
        g = nx.Graph(tuple(pair) for pair, props in self.ties.items() if "end_date" not in props)
        while cuts := set(nx.articulation_points(g)):
            rest = g.subgraph(set(g) - {min(cuts)})
            parts = sorted(nx.connected_components(rest), key=lambda c: (len(c), min(c)))
            a, b = self.rng.choice(sorted(parts[0])), self.rng.choice(sorted(parts[-1]))
            self.tie(a, b, lasting=True)
            g.add_edge(a, b)

    def _degree(self, key: str) -> int:
        return sum(key in pair for pair in self.ties)

    def _planted_ties(self) -> None:
        gap_ties = (
            ("chilensk-kulturforening-oslo", "chilensk-folkedansgruppe"),
            ("chilensk-kulturforening-oslo", "chilenske-seniorer-i-oslo"),
            ("chilensk-folkedansgruppe", "chilenske-seniorer-i-oslo"),
            ("filippinsk-forening-oslo", "filippinsk-kor-og-kulturlag"),
            ("filippinsk-forening-oslo", "filippinske-au-pairers-nettverk"),
            (HINGE_ORG, "skogfinsk-slektslag"),
            (HINGE_ORG, "finnskogen-ungdomsnettverk"),
            (HINGE_ORG, "skogfinsk-sangverksted"),
            ("skogfinsk-slektslag", "finnskogen-ungdomsnettverk"),
        )
        for a, b in gap_ties:
            self.tie(a, b, lasting=True)
        # The single bridge: the hinge organisation's one tie to the public side.
        self.tie(HINGE_ORG, HINGE_PARTNER, lasting=True, latest=2024)
        self.ties[frozenset((HINGE_ORG, HINGE_PARTNER))]["note"] = (
            "Eneste faste kontakt mellom det skogfinske miljøet og kommunen."
        )

    # activities

    def _draw(
        self, spec: str, pools: dict[str, list[str]], taken: list[str]
    ) -> list[tuple[str, str]]:
        chosen = []
        for token in spec.split():
            if token.startswith("@"):
                pool, n, *role = token[1:].split(":")
                candidates = [k for k in pools[pool] if k not in taken]
                picks = self.rng.sample(candidates, int(n))
            else:
                key, *role = token.split(":")
                picks = [key]
            for key in picks:
                assert key in self.orgs and key not in taken, key
                taken.append(key)
                chosen.append((key, role[0] if role else "PARTICIPANT"))
        return chosen

    def build_activities(self) -> None:
        pools = self._pools()
        for name, kind, start, end, areas, topics, oxlo, desc, spec in EVENTS:
            participants = self._draw(spec, pools, [])
            activity: dict[str, Any] = {"key": slug(name), "name": name, "kind": kind}
            activity["description"] = desc
            activity["start_date"] = date.fromisoformat(start)
            if end:
                activity["end_date"] = date.fromisoformat(end)
            if oxlo:
                activity["oxlo"] = True
            activity |= {"areas": areas.split(), "topics": topics.split()}
            activity["participants"] = [{"org": k, "role": r} for k, r in participants]
            self.activities.append(activity)
        for year, title, topics, spec in GRANTS:
            participants = self._draw(spec, pools, [])
            lead = self.orgs[participants[0][0]]
            district = lead.district or "oslo"
            unit = f"bydel-{district}"
            if district != "oslo" and self.rng.random() < GRANT_DISTRICT_PARTNER:
                participants.append((unit, "PARTNER"))
            status = self.rng.choices(("GRANTED", "REJECTED"), weights=(4, 1))[0]
            if year == 2026:
                status = "APPLIED" if "Mentorer" in title else "GRANTED"
            if status == "GRANTED":
                participants.append(("velferdsetaten", "FUNDER"))
            activity = {"key": slug(f"{title} {year}"), "name": title, "kind": "GRANT"}
            activity["description"] = f"Søknad til {GRANT_SCHEME} for {year}, ledet av {lead.name}."
            activity["start_date"] = date(year, self.rng.randint(1, 3), 1)
            activity["end_date"] = date(year, 12, 31)
            activity |= {"grant_scheme": GRANT_SCHEME, "grant_year": year}
            activity["amount_nok"] = self.rng.randrange(12, 120) * 5000
            activity["grant_status"] = status
            activity |= {"areas": [district], "topics": topics.split()}
            activity["participants"] = [{"org": k, "role": r} for k, r in participants]
            self.activities.append(activity)


# --- rendering -----------------------------------------------------------------------------


def _org_entries(net: Network) -> list[dict[str, Any]]:
    rng = random.Random(SEED + 1)  # a separate stream: contact details never shift the ties
    numbers: set[str] = set()
    phone = iter(range(1, 1000))
    entries = []
    for org in net.orgs.values():
        entry: dict[str, Any] = {"key": org.key, "name": org.name, "kind": org.kind}
        if org.fictional:
            if rng.random() < 0.7:
                while True:
                    first = str(rng.randint(1, 7)) + "".join(rng.choices("0123456789", k=7))
                    digit = mod11(first)
                    if digit is not None and first + str(digit) not in numbers:
                        break
                numbers.add(first + str(digit))
                entry["org_number"] = first + str(digit)
            assert len(org.key) <= 63, org.key  # it becomes a host name label
            entry["email"] = f"post@{org.key}.example"
            if rng.random() < 0.5:
                entry["phone"] = f"+47 200 00 {next(phone):03d}"
            entry["website"] = f"https://{org.key}.example"
            if org.district:
                street = rng.choice(("Eksempelveien", "Demogata", "Prøvestien", "Fiktivgata"))
                entry["street_address"] = f"{street} {rng.randint(1, 120)}"
                entry["postal_code"] = POSTAL[org.district]
                entry["city"] = "Oslo"
        entry["description"] = org.description or _describe(net, org)
        entry["languages"] = org.languages
        for name, values in (
            ("represents", org.represents),
            ("serves", org.serves),
            ("areas", org.areas),
            ("topics", org.topics),
        ):
            if values:
                entry[name] = values
        if org.part_of:
            entry["part_of"] = org.part_of
        entries.append(entry)
    return entries


def _describe(net: Network, org: Org) -> str:
    topic_names = {key: name.lower() for key, name, _, _ in TOPICS}
    place = {key: name for key, name, _, _ in DISTRICTS} | {a[0]: a[1] for a in OTHER_AREAS}
    where = " og ".join(place[a] for a in org.areas)
    what = ", ".join(topic_names[t] for t in org.topics)
    if org.kind in PUBLIC_KINDS:
        return f"Offentlig virksomhet ({where})."
    return f"{KIND_LABEL[org.kind]} i {where}. Arbeider med {what}."


def _people(net: Network) -> list[dict[str, Any]]:
    rng = random.Random(SEED + 2)
    leads = {
        p["org"]
        for a in net.activities
        if a["kind"] == "GRANT"
        for p in a["participants"]
        if p["role"] == "LEAD"
    }
    names: set[str] = set()
    people = []
    n = 0
    for org in net.orgs.values():
        for role in EMI_STAFF if org.key == "emi" else [rng.choice(ROLES[org.kind])]:
            n += 1
            pool = org.represents[0] if org.represents else ""
            if org.public and rng.random() < 0.4:
                pool = rng.choice(sorted(FIRST_NAMES))
            while True:
                first = rng.choice(FIRST_NAMES.get(pool, FIRST_NAMES[""]).split())
                last = rng.choice(SURNAME_STEMS) + rng.choice(SURNAME_ENDINGS)
                if f"{first} {last}" not in names:
                    break
            name = f"{first} {last}"
            names.add(name)
            key = slug(name)
            contact_for = [org.key]
            # Some contacts speak for two organisations of the same community.
            if org.represents and org.key not in net.planted and rng.random() < 0.12:
                same = [
                    k
                    for k in net.members(org.represents[0])
                    if k != org.key and k not in net.planted
                ]
                if same:
                    contact_for.append(rng.choice(same))
            old = rng.random() < 0.25  # due for the retention review: unverified for 2+ years
            verified = (
                date(2021, 1, 4) + timedelta(days=rng.randint(0, 1270))
                if old
                else date(2025, 1, 6) + timedelta(days=rng.randint(0, 660))
            )
            if org.public:
                basis = "PUBLIC_TASK"
            elif org.key in leads and rng.random() < 0.6:
                basis = "CONTRACT"
            elif org.kind == "BUSINESS":
                basis = "LEGITIMATE_INTEREST"
            else:
                basis = rng.choices(("CONSENT", "LEGITIMATE_INTEREST", "PUBLIC_TASK"), (6, 3, 1))[0]
            langs = ["nb", *[x for x in org.languages if x != "nb"][: rng.randint(0, 2)]]
            if rng.random() < 0.4 and "en" not in langs:
                langs.append("en")
            source = rng.choice(
                (
                    f"EMI-møte {verified.year}",
                    f"søknad om tilskudd {verified.year}",
                    f"årsrapport {verified.year - 1}",
                    "organisasjonens nettside",
                    f"OXLO-konferansen {min(verified.year, 2024)}",
                    f"telefonsamtale {verified.year}",
                )
            )
            person: dict[str, Any] = {"key": key, "name": name, "role": role}
            person["email"] = f"{key.replace('-', '.')}@example.org"
            person["phone"] = f"+47 400 00 {n:03d}"
            person |= {"languages": langs, "last_verified": verified, "legal_basis": basis}
            person["source"] = source
            if old and rng.random() < 0.2:
                person["archived"] = True
            person["contact_for"] = contact_for
            people.append(person)
    return people


def build() -> dict[str, list[dict[str, Any]]]:
    net = Network()
    net.build_orgs()
    net.build_ties()
    net.build_activities()
    areas = [{"key": "oslo", "name": "Oslo", "kind": "MUNICIPALITY", "code": "0301"}]
    for key, name, code, _ in DISTRICTS:
        areas.append(
            {"key": key, "name": name, "kind": "DISTRICT", "code": code, "part_of": "oslo"}
        )
    for key, name, kind, code, part_of in OTHER_AREAS[1:]:
        area = {"key": key, "name": name, "kind": kind, "code": code}
        areas.append(area | ({"part_of": part_of} if part_of else {}))
    communities = [
        {"key": k, "name": n, "dimension": d, "description": desc}
        for k, n, d, desc, _ in COMMUNITIES
    ]
    topics = [
        {"key": k, "name": n, "description": desc} | ({"grant_priority": True} if p else {})
        for k, n, p, desc in TOPICS
    ]
    collaborations = sorted(net.ties.values(), key=lambda t: (t["start_date"], t["a"], t["b"]))
    return {
        "areas": areas,
        "communities": communities,
        "topics": topics,
        "organisations": _org_entries(net),
        "people": _people(net),
        "activities": net.activities,
        "collaborations": collaborations,
    }


class _Dumper(yaml.SafeDumper):
    """Block style for entries, flow style for short lists and {org, role} pairs."""


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(x, dict | list) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = len(data) <= 2 and all(not isinstance(v, dict | list) for v in data.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # Quote digit strings (codes, postal codes) even where YAML 1.1 would not read a number.
    style = "'" if data.isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _dict)


def render() -> dict[str, str]:
    header = "# Generated by seeds/generate.py: edit the script, not this file.\n"
    return {
        f"{name}.yaml": header
        + yaml.dump(entries, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        for name, entries in build().items()
    }


def main(argv: list[str]) -> int:
    files = render()
    if "--check" in argv:
        stale = [n for n, text in files.items() if (HERE / n).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{name} differs from what seeds/generate.py makes", file=sys.stderr)
        return 1 if stale else 0
    for name, text in files.items():
        (HERE / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
