"""The activities: conferences, meeting places, networks and the like, and grant applications."""

import random
from collections.abc import Mapping
from datetime import date
from typing import Any

from registry.domain.enums import ActivityKind, GrantStatus, ParticipantRole

from .names import slug
from .organisations import Org

# One row per line, however long: easier to read and to diff.
# ruff: noqa: E501

GRANT_SCHEME = "Tilskuddsordningen for inkludering"
GRANT_DISTRICT_PARTNER = 0.5  # chance that the lead's district unit joins as a partner

# fmt: off
# name, kind, start, end, areas, topics, OXLO stamp, description, participants. Participants:
# "key:ROLE" for one organisation, "@pool:n:ROLE" for n drawn from a pool (organisations.pools);
# the role defaults to PARTICIPANT.
EVENTS = (
    ("OXLO-konferansen 2018", ActivityKind.CONFERENCE, "2018-10-18", "2018-10-18", "oslo", "likeverdige-tjenester tilhorighet", True,
     "Byens årlige mangfoldskonferanse, med kommunale virksomheter og minoritetsmiljøer.",
     "emi:ORGANISER imdi @districts:4 @agencies:2 @community:5"),
    ("OXLO-konferansen 2021", ActivityKind.CONFERENCE, "2021-11-04", "2021-11-04", "oslo", "likeverdige-tjenester diskrimineringsvern", True,
     "Konferansen ble holdt digitalt, med tema diskriminering i møte med tjenestene.",
     "emi:ORGANISER velferdsetaten likestillings-og-diskrimineringsombudet @districts:3 @community:6"),
    ("OXLO-konferansen 2024", ActivityKind.CONFERENCE, "2024-10-24", "2024-10-24", "oslo", "likeverdige-tjenester unge-ledere", True,
     "Unge ledere fra minoritetsmiljøene møtte ledere i kommunen.",
     "emi:ORGANISER imdi @districts:4 @youth:5 @wider:1"),
    ("Seminar: likeverdige tjenester i bydelene", ActivityKind.SEMINAR, "2019-03-12", "2019-03-12", "oslo", "likeverdige-tjenester", False,
     "Erfaringsdeling mellom bydelene om hvordan de kjenner befolkningen de betjener.",
     "emi:ORGANISER @districts:6 @community:2"),
    ("Seminar om negativ sosial kontroll i skolen", ActivityKind.SEMINAR, "2022-02-08", "2022-02-08", "oslo", "diskrimineringsvern utdanning", False,
     "Lærere, rådgivere og foreldreorganisasjoner om hvordan skolen kan oppdage og møte sosial kontroll.",
     "emi:ORGANISER utdanningsetaten @schools:3 @origin:2"),
    ("Seminar om nasjonale minoriteter i Oslo", ActivityKind.SEMINAR, "2020-09-15", "2020-09-15", "oslo", "kultur diskrimineringsvern", False,
     "Om historien og rettighetene til jøder, kvener, rom og romanifolk, og hva kommunen kan gjøre.",
     "emi:ORGANISER kulturetaten innlandet-fylkeskommune @natmin:4"),
    ("Seminar: samisk språk og kultur i barnehage og skole", ActivityKind.SEMINAR, "2023-02-06", "2023-02-06", "oslo", "sprak utdanning", False,
     "Holdt rundt samefolkets dag, for ansatte i barnehager og skoler.",
     "utdanningsetaten:ORGANISER sametinget @sami:3"),
    ("Regionalt erfaringsseminar om inkludering", ActivityKind.SEMINAR, "2023-05-10", "2023-05-11", "oslo lillestrom baerum drammen", "likeverdige-tjenester", False,
     "Kommuner i hovedstadsregionen deler erfaringer med inkluderingsarbeid.",
     "emi:ORGANISER imdi lillestrom-kommune baerum-kommune drammen-kommune"),
    ("Kurs: kommunikasjon via tolk", ActivityKind.COURSE, "2019-05-21", "2019-05-22", "oslo", "likeverdige-tjenester helse", False,
     "Kurs for ansatte i helse- og velferdstjenester om å bruke kvalifisert tolk.",
     "helseetaten:ORGANISER tolketorget-as @nav:2 @districts:3"),
    ("Kurs: OXLO-guiden for ansatte", ActivityKind.COURSE, "2021-09-01", "2021-12-01", "oslo", "likeverdige-tjenester", True,
     "Kursrekke om kommunens egen veileder for likeverdige tjenester.",
     "emi:ORGANISER @districts:4 @agencies:2"),
    ("Kurs i foreningsdrift og søknadsskriving 2018", ActivityKind.COURSE, "2018-02-05", "2018-03-12", "oslo", "unge-ledere", False,
     "Kveldskurs for styremedlemmer i minoritetsorganisasjoner: regnskap, årsmøter og søknader.",
     "emi:ORGANISER @origin:4 @faith:2"),
    ("Kurs i foreningsdrift og søknadsskriving 2023", ActivityKind.COURSE, "2023-01-16", "2023-02-27", "oslo", "unge-ledere", False,
     "Ny runde av kveldskurset, nå også for ressursnettverk.",
     "emi:ORGANISER velferdsetaten @community:6"),
    ("Kurs: skeive med minoritetsbakgrunn i møte med tjenestene", ActivityKind.COURSE, "2022-04-20", "2022-04-20", "oslo", "diskrimineringsvern helse", False,
     "Kurs for ansatte om skeive som også tilhører en etnisk eller religiøs minoritet.",
     "helseetaten:ORGANISER @lgbtiq:3 @districts:2"),
    ("Kvinnekafé Stovner", ActivityKind.MEETING_PLACE, "2017-01-10", None, "stovner", "kvinner helse", False,
     "Ukentlig møteplass for kvinner i bydelen, med språktrening og helseinformasjon.",
     "bydel-stovner:ORGANISER @women:4 @area-stovner:2"),
    ("Dialogkveld for trossamfunn i Groruddalen", ActivityKind.MEETING_PLACE, "2019-11-14", "2019-11-14", "grorud stovner alna", "dialog", False,
     "Trossamfunn i dalen inviterte naboer og bydelene til samtale.",
     "bydel-grorud:ORGANISER bydel-alna @faith:4 @area-grorud:1"),
    ("Møteplass for eldre med minoritetsbakgrunn", ActivityKind.MEETING_PLACE, "2021-03-02", None, "sondre-nordstrand", "eldre helse", False,
     "Formiddagstreff med informasjon om helse- og omsorgstjenester på flere språk.",
     "bydel-sondre-nordstrand:ORGANISER @elderly:4"),
    ("Ungdomskafé Tøyen", ActivityKind.MEETING_PLACE, "2020-08-20", None, "gamle-oslo", "ungdom unge-ledere", False,
     "Åpent hus for ungdom, drevet sammen med lokale foreninger.",
     "bydel-gamle-oslo:ORGANISER @area-gamle-oslo:4"),
    ("Dialogforum for tros- og livssynssamfunn i Oslo", ActivityKind.NETWORK, "2016-04-01", None, "oslo", "dialog", False,
     "Fast forum der tros- og livssynssamfunn møter kommunen og hverandre.",
     "emi:ORGANISER oslo-politidistrikt @faith:8"),
    ("Nettverk for nasjonale minoriteter i Oslo", ActivityKind.NETWORK, "2018-01-15", None, "oslo", "kultur diskrimineringsvern", False,
     "Kontaktnettverk mellom organisasjonene til de nasjonale minoritetene og offentlige instanser.",
     "emi:ORGANISER kulturetaten innlandet-fylkeskommune @natmin:6"),
    ("Samisk kontaktforum Oslo", ActivityKind.NETWORK, "2017-02-06", None, "oslo", "kultur sprak", False,
     "Møtes to ganger i året om samiske tilbud i hovedstaden.",
     "kulturetaten:ORGANISER sametinget @sami:5"),
    ("Foreldrenettverk Groruddalen", ActivityKind.NETWORK, "2019-09-01", None, "grorud stovner alna", "utdanning", False,
     "Skoler, bydeler og foreldreorganisasjoner samarbeider om skole-hjem-kontakt.",
     "bydel-grorud:ORGANISER bydel-stovner @schools:3 @comm-somali:1 @comm-pakistani:1 @comm-turks:1"),
    ("Nettverk for likeverdige helsetjenester", ActivityKind.NETWORK, "2022-01-20", None, "oslo", "helse likeverdige-tjenester", False,
     "Helseetaten, bydeler og brukerorganisasjoner om tilgjengelige helsetjenester.",
     "helseetaten:ORGANISER @districts:2 @disability:3 @women:2"),
    ("Arbeidslivsnettverket Groruddalen", ActivityKind.NETWORK, "2021-06-01", None, "grorud stovner alna bjerke", "arbeid-unge", False,
     "NAV-kontorer, bedrifter og foreninger om praksisplasser og jobb for unge voksne.",
     "nav-alna:ORGANISER nav-stovner @business:4 @origin:2"),
    ("OXLO-kampanjen «Byen er din»", ActivityKind.CAMPAIGN, "2019-06-01", "2019-09-30", "oslo", "tilhorighet", True,
     "Plakater og arrangementer om at byen tilhører alle som bor her.",
     "emi:ORGANISER kulturetaten @community:3 @wider:2"),
    ("OXLO-kampanjen mot hatprat", ActivityKind.CAMPAIGN, "2022-03-21", "2022-06-30", "oslo", "dialog diskrimineringsvern", True,
     "Kampanje i sosiale medier og på skoler mot hatprat.",
     "emi:ORGANISER oslo-politidistrikt @schools:2 @community:3"),
    ("OXLO-uka i Groruddalen 2024", ActivityKind.CAMPAIGN, "2024-09-16", "2024-09-22", "grorud stovner alna bjerke", "tilhorighet kultur", True,
     "En uke med åpne arrangementer i bydelene i Groruddalen.",
     "emi:ORGANISER bydel-grorud bydel-stovner @area-grorud:2 @area-stovner:2"),
    ("OXLO-stempel: Mangfoldsfest på Holmlia 2025", ActivityKind.CAMPAIGN, "2025-06-07", "2025-06-07", "sondre-nordstrand", "tilhorighet kultur", True,
     "Bydelens sommerfest med OXLO-stempel.",
     "bydel-sondre-nordstrand:ORGANISER @area-sondre-nordstrand:4"),
    ("Kartlegging av minoritetsorganisasjoner i Søndre Nordstrand", ActivityKind.PROJECT, "2020-02-01", "2020-12-15", "sondre-nordstrand", "likeverdige-tjenester", False,
     "Bydelen kartla hvilke foreninger som finnes og hvem de når.",
     "bydel-sondre-nordstrand:LEAD emi:PARTNER @area-sondre-nordstrand:3"),
    ("Tospråklige helseformidlere", ActivityKind.PROJECT, "2018-03-01", "2020-06-30", "oslo", "helse", False,
     "Helseinformasjon formidlet av frivillige på eget språk.",
     "helseetaten:LEAD @women:3"),
    ("Mottak av ukrainske flyktninger – frivillig støtte", ActivityKind.PROJECT, "2022-03-07", "2023-06-30", "frogner ostensjo", "bolig tilhorighet", False,
     "Frivillige, NAV og bydeler samordnet hjelp til nyankomne fra Ukraina.",
     "velferdsetaten:LEAD emi:PARTNER nav-gamle-oslo bydel-frogner @comm-ukrainians:3"),
    # Activities of the planted communities: only their own organisations take part.
    ("Chilensk kulturkveld 2023", ActivityKind.MEETING_PLACE, "2023-09-16", "2023-09-16", "sagene", "kultur", False,
     "Musikk, mat og minner fra Chile.",
     "chilensk-kulturforening-oslo:ORGANISER chilensk-folkedansgruppe chilenske-seniorer-i-oslo"),
    ("Filippinsk sommerfest 2024", ActivityKind.MEETING_PLACE, "2024-06-15", "2024-06-15", "st-hanshaugen", "kultur", False,
     "Sommerfest for filippinske familier og au pairer.",
     "filippinsk-forening-oslo:ORGANISER filippinsk-kor-og-kulturlag filippinske-au-pairers-nettverk"),
    ("Skogfinsk kulturdag 2022", ActivityKind.MEETING_PLACE, "2022-08-20", "2022-08-20", "grue", "kultur sprak", False,
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
# fmt: on


def build_activities(
    orgs: Mapping[str, Org], groups: dict[str, list[str]], rng: random.Random
) -> list[dict[str, Any]]:
    """activities.yaml: the events in table order, then the grants."""
    activities = []
    for name, kind, start, end, areas, topics, oxlo, description, spec in EVENTS:
        participants = _draw(spec, orgs, groups, rng)
        activity: dict[str, Any] = {"key": slug(name), "name": name, "kind": kind}
        activity["description"] = description
        activity["start_date"] = date.fromisoformat(start)
        if end:
            activity["end_date"] = date.fromisoformat(end)
        if oxlo:
            activity["oxlo"] = True
        activity |= {"areas": areas.split(), "topics": topics.split()}
        activities.append(activity | _participants(participants))
    for year, title, topics, spec in GRANTS:
        participants = _draw(spec, orgs, groups, rng)
        lead = orgs[participants[0][0]]
        district = lead.district or "oslo"
        if district != "oslo" and rng.random() < GRANT_DISTRICT_PARTNER:
            participants.append((f"bydel-{district}", ParticipantRole.PARTNER))
        status = rng.choices((GrantStatus.GRANTED, GrantStatus.REJECTED), weights=(4, 1))[0]
        if year == 2026:  # this year's round is not decided for every application yet
            status = GrantStatus.APPLIED if "Mentorer" in title else GrantStatus.GRANTED
        if status is GrantStatus.GRANTED:
            participants.append(("velferdsetaten", ParticipantRole.FUNDER))
        activity = {"key": slug(f"{title} {year}"), "name": title, "kind": ActivityKind.GRANT}
        activity["description"] = f"Søknad til {GRANT_SCHEME} for {year}, ledet av {lead.name}."
        activity["start_date"] = date(year, rng.randint(1, 3), 1)
        activity["end_date"] = date(year, 12, 31)
        activity |= {"grant_scheme": GRANT_SCHEME, "grant_year": year}
        activity["amount_nok"] = rng.randrange(12, 120) * 5000
        activity["grant_status"] = status
        activity |= {"areas": [district], "topics": topics.split()}
        activities.append(activity | _participants(participants))
    return activities


def _draw(
    spec: str, orgs: Mapping[str, Org], groups: dict[str, list[str]], rng: random.Random
) -> list[tuple[str, ParticipantRole]]:
    """The participants a spec names, each organisation at most once."""
    chosen: list[tuple[str, ParticipantRole]] = []
    for token in spec.split():
        if token.startswith("@"):
            group, n, *role = token[1:].split(":")
            taken = {key for key, _ in chosen}
            picks = rng.sample([k for k in groups[group] if k not in taken], int(n))
        else:
            key, *role = token.split(":")
            picks = [key]
        for key in picks:
            assert key in orgs and key not in {k for k, _ in chosen}, key
            chosen.append((key, ParticipantRole(role[0]) if role else ParticipantRole.PARTICIPANT))
    return chosen


def _participants(participants: list[tuple[str, ParticipantRole]]) -> dict[str, Any]:
    return {"participants": [{"org": key, "role": role} for key, role in participants]}
