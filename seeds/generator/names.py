"""Keys made from names, and invented names for the contact people."""

import random
import re

from registry.domain.rules import fold

# One row per line, however long: easier to read and to diff.
# ruff: noqa: E501

# fmt: off
# First names by the community an organisation represents; "" is for everyone else.
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
# fmt: on


def slug(text: str) -> str:
    """The key for a name: the loader accepts only lower-case ascii words joined by '-'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def invent_name(rng: random.Random, community: str, taken: set[str]) -> str:
    """A first name fitting the community and an invented surname, never one already taken."""
    first_names = FIRST_NAMES.get(community, FIRST_NAMES[""]).split()
    while True:
        name = f"{rng.choice(first_names)} {rng.choice(SURNAME_STEMS)}{rng.choice(SURNAME_ENDINGS)}"
        if name not in taken:
            taken.add(name)
            return name
