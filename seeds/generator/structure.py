"""The shape the network analysis should find (seeds/README.md, "The planted structure").

Two communities cut off from everyone else, one hanging on a single organisation and a single
tie, a few organisations with no ties at all; and a public backbone, with two anchors per
community, that keeps everything else well connected.
"""

from collections.abc import Mapping

from registry.domain.enums import CommunityDimension

from .organisations import Org

GAP_COMMUNITIES = ("chileans", "filipinos")
HINGE_COMMUNITY = "forest-finns"
HINGE_ORG = "skogfinsk-kulturforum-oslo"
HINGE_PARTNER = "emi"
HINGE_NOTE = "Eneste faste kontakt mellom det skogfinske miljøet og kommunen."
ISOLATES = (
    "polsk-foreldreforening-ullern",
    "tamilsk-eldreforum-stovner",
    "bjerke-bydelsavis",
    "bjerke-bilpleie-as",
)
# The only ties the planted communities have, besides the hinge's one bridge to HINGE_PARTNER.
PLANTED_TIES = (
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

# Each community's second anchor ties to this public body besides its district.
SECOND_PUBLIC = {
    CommunityDimension.NATIONAL_MINORITY: "kulturetaten",
    CommunityDimension.INDIGENOUS: "sametinget",
    CommunityDimension.ORIGIN: "imdi",
    CommunityDimension.RELIGION: "emi",
    CommunityDimension.LANGUAGE: "utdanningsetaten",
    CommunityDimension.SEXUAL_ORIENTATION_GENDER_IDENTITY: "helseetaten",
    CommunityDimension.DISABILITY: "helseetaten",
}
# fmt: off
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


def planted_orgs(orgs: Mapping[str, Org]) -> set[str]:
    """The organisations kept out of every generated tie and activity."""
    planted = {HINGE_ORG, *ISOLATES}
    cut_off = {*GAP_COMMUNITIES, HINGE_COMMUNITY}
    return planted | {o.key for o in orgs.values() if cut_off & set(o.represents)}
