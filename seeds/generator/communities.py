"""The communities and the topics organisations work on."""

from typing import Any

from registry.domain.enums import CommunityDimension

# One row per line, however long: easier to read and to diff.
# ruff: noqa: E501

# fmt: off
# key, name, dimension, description
COMMUNITIES = (
    ("jews", "Jøder", CommunityDimension.NATIONAL_MINORITY, "Nasjonal minoritet med hundreårig historie i Norge."),
    ("kvens", "Kvener/norskfinner", CommunityDimension.NATIONAL_MINORITY, "Nasjonal minoritet med røtter i Nord-Norge; kvensk er eget minoritetsspråk."),
    ("forest-finns", "Skogfinner", CommunityDimension.NATIONAL_MINORITY, "Nasjonal minoritet, etterkommere av finske innflyttere til skogsbygdene på Østlandet."),
    ("roma", "Rom", CommunityDimension.NATIONAL_MINORITY, "Nasjonal minoritet; mange familier i Oslo har bodd her i generasjoner."),
    ("romani-tater", "Romanifolk/tatere", CommunityDimension.NATIONAL_MINORITY, "Nasjonal minoritet med egen språk- og kulturarv (romani)."),
    ("sami", "Samer", CommunityDimension.INDIGENOUS, "Urfolk i Norge; mange samer bor og arbeider i Oslo."),
    ("south-sami", "Sørsamer", CommunityDimension.INDIGENOUS, "Den sørsamiske delen av urfolket, med eget språk (åarjelsaemien gïele)."),
    ("somali", "Somaliere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Somalia."),
    ("pakistani", "Pakistanere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Pakistan."),
    ("polish", "Polakker", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Polen, mange arbeidsinnvandrere."),
    ("eritreans", "Eritreere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Eritrea."),
    ("syrians", "Syrere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Syria, mange kom etter 2015."),
    ("iraqis", "Irakere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Irak, blant dem mange kurdere."),
    ("vietnamese", "Vietnamesere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Vietnam."),
    ("tamils", "Tamiler", CommunityDimension.ORIGIN, "Personer med tamilsk bakgrunn, de fleste fra Sri Lanka."),
    ("filipinos", "Filippinere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Filippinene."),
    ("turks", "Tyrkere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Tyrkia."),
    ("afghans", "Afghanere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Afghanistan."),
    ("ukrainians", "Ukrainere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Ukraina; mange kom som flyktninger fra 2022."),
    ("chileans", "Chilenere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Chile; mange kom som flyktninger på 1970-tallet."),
    ("moroccans", "Marokkanere", CommunityDimension.ORIGIN, "Personer med bakgrunn fra Marokko."),
    ("muslims", "Muslimer", CommunityDimension.RELIGION, "Muslimske menigheter og miljøer."),
    ("catholics", "Katolikker", CommunityDimension.RELIGION, "Katolske menigheter og miljøer, mange med innvandrerbakgrunn."),
    ("orthodox", "Ortodokse kristne", CommunityDimension.RELIGION, "Ortodokse menigheter av flere tradisjoner."),
    ("hindus", "Hinduer", CommunityDimension.RELIGION, "Hinduistiske menigheter og miljøer."),
    ("buddhists", "Buddhister", CommunityDimension.RELIGION, "Buddhistiske menigheter og miljøer."),
    ("sikhs", "Sikher", CommunityDimension.RELIGION, "Sikhiske menigheter og miljøer."),
    ("arabic-speakers", "Arabiskspråklige", CommunityDimension.LANGUAGE, "Personer som har arabisk som førstespråk, uansett opprinnelsesland."),
    ("persian-speakers", "Persisk- og darispråklige", CommunityDimension.LANGUAGE, "Personer som snakker persisk (farsi) eller dari."),
    ("russian-speakers", "Russiskspråklige", CommunityDimension.LANGUAGE, "Personer som har russisk som førstespråk."),
    ("lgbtiq", "Skeive (LHBTIQ+)", CommunityDimension.SEXUAL_ORIENTATION_GENDER_IDENTITY, "Lesbiske, homofile, bifile, trans- og interkjønnpersoner og andre skeive."),
    ("lgbtiq-minority", "Skeive med minoritetsbakgrunn", CommunityDimension.SEXUAL_ORIENTATION_GENDER_IDENTITY, "Skeive som også tilhører en etnisk eller religiøs minoritet."),
    ("deaf", "Døve og tegnspråkbrukere", CommunityDimension.DISABILITY, "Døve, hørselshemmede og andre som bruker norsk tegnspråk."),
    ("disabled", "Personer med funksjonsnedsettelse", CommunityDimension.DISABILITY, "Personer med fysiske, psykiske eller kognitive funksjonsnedsettelser."),
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
# fmt: on
DIMENSIONS = {key: dimension for key, _, dimension, _ in COMMUNITIES}
TOPIC_NAMES = {key: name for key, name, _, _ in TOPICS}


def community_entries() -> list[dict[str, Any]]:
    return [
        {"key": key, "name": name, "dimension": dimension, "description": description}
        for key, name, dimension, description in COMMUNITIES
    ]


def topic_entries() -> list[dict[str, Any]]:
    return [
        {"key": key, "name": name, "description": description}
        | ({"grant_priority": True} if priority else {})
        for key, name, priority, description in TOPICS
    ]
