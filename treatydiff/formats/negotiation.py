"""Negotiation folders: ``negotiation.yaml`` plus one clause file per round."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Location
from ..model import AUTHOR_ROLES, Author, Negotiation, Party, Round
from .clausefile import FORMAT_VERSION, load_round
from .textio import read_text
from .yamlio import NodeReader, YList, YMap, YNode, parse_yaml, to_plain

CONFIG_NAME = "negotiation.yaml"
CONFIG_KEYS = ("treatydiff", "title", "description", "illustrative", "languages", "parties", "authors", "perspective", "rounds", "lexicon")
PARTY_KEYS = ("code", "name", "aliases", "members")
AUTHOR_KEYS = ("code", "name", "role")
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,15}$")


def _string_list(reader: NodeReader, node: YNode, what: str) -> tuple[str, ...]:
    if not isinstance(node, YList):
        raise reader.fail(node, f"`{what}` must be a list", f"write `{what}: [a, b]` or one `- item` per line")
    return tuple(reader.string(item, what) for item in node.items)


def _entry(reader: NodeReader, item: YNode, kind: str, keys: tuple[str, ...], taken: set[str], code_fix: str) -> tuple[YMap, str]:
    """A party's or an author's mapping and its code, checked: short, and not used before."""
    what = f"a {kind}" if kind[0] not in "aeiou" else f"an {kind}"
    mapping = reader.mapping(item, what, keys)
    code = reader.required(mapping, "code", what)
    if not _CODE.match(code):
        raise reader.fail(mapping.items["code"][1], f"{kind} code {code!r} is not a short code", code_fix)
    if code in taken:
        raise reader.fail(mapping.items["code"][1], f"{kind} code {code!r} is used twice", "give each party and each author its own code")
    return mapping, code


def _parties(reader: NodeReader, node: YNode) -> tuple[Party, ...]:
    if not isinstance(node, YList):
        raise reader.fail(node, "`parties` must be a list", "add `- code: AM` and `name: ...` per party, or write `parties: []`")
    parties: list[Party] = []
    for item in node.items:
        mapping, code = _entry(reader, item, "party", PARTY_KEYS, {p.code for p in parties}, "use letters and digits, e.g. AM, AZ, EU")
        aliases = _string_list(reader, mapping.items["aliases"][1], "aliases") if "aliases" in mapping.items else ()
        members = _string_list(reader, mapping.items["members"][1], "members") if "members" in mapping.items else ()
        parties.append(Party(code=code, name=reader.required(mapping, "name", "a party"), aliases=aliases, members=members))
    codes = {p.code for p in parties}
    for item, party in zip(node.items, parties, strict=True):
        for member in party.members:
            if member not in codes or member == party.code:
                assert isinstance(item, YMap)
                raise reader.fail(item.items["members"][1], f"group {party.code!r} lists member {member!r}, which is "
                                  + ("the group itself" if member == party.code else "not one of the parties"),
                                  "list each member under `parties:` with its own code, and name it by that code in `members:`")
    return tuple(parties)


def _authors(reader: NodeReader, node: YNode, parties: tuple[Party, ...]) -> tuple[Author, ...]:
    """Who proposes rounds without being a party: a chair, co-chairs, a presidency …"""
    if not isinstance(node, YList):
        raise reader.fail(node, "`authors` must be a list", "add `- code: CHAIR`, `name: ...` and `role: chair` per author, or delete `authors:`")
    authors: list[Author] = []
    for item in node.items:
        taken = {a.code for a in authors} | {p.code for p in parties}  # parties and authors share codes
        mapping, code = _entry(reader, item, "author", AUTHOR_KEYS, taken, "use letters, digits and '-', e.g. CO-CHAIRS")
        role = reader.optional(mapping, "role", "role") or "other"
        if role not in AUTHOR_ROLES:
            raise reader.fail(mapping.items["role"][1], f"unknown author role {role!r}", f"use one of {', '.join(AUTHOR_ROLES)}")
        authors.append(Author(code=code, name=reader.required(mapping, "name", "an author"), role=role))
    return tuple(authors)


def _lexicon(reader: NodeReader, node: YNode) -> dict[str, Any]:
    """Users' extra terms as plain data per language, checked against the analysis' rules now,
    so a bad key is reported with this file's line instead of when a comparison runs."""
    if not isinstance(node, YMap):
        raise reader.fail(node, "`lexicon` must be a mapping from language code to terms", "write `lexicon:` then `en:` with your terms")
    lexicon = {lang: to_plain(value) for lang, (_, value) in node.items.items()}
    from ..analysis.lexicon import user_terms_error  # the analysis owns what a lexicon may hold

    for lang, (key_node, value) in node.items.items():
        error = user_terms_error(lang, lexicon[lang])
        if error is not None:
            raise reader.fail(_culprit(lang, key_node, value, user_terms_error), error.problem, error.fix or "")
    return lexicon


def _culprit(lang: str, lang_node: YNode, value: YNode, check: Callable[[str, Any], object]) -> YNode:
    """The deepest key of ``lexicon.<lang>`` whose terms alone are refused (two levels down:
    ``markers:`` then ``qualifier:``), else the language's own key."""
    if not isinstance(value, YMap):
        return lang_node
    for key, (key_node, terms) in value.items.items():
        if check(lang, {key: to_plain(terms)}) is None:
            continue
        if isinstance(terms, YMap):
            for sub, (sub_node, sub_terms) in terms.items.items():
                if check(lang, {key: {sub: to_plain(sub_terms)}}) is not None:
                    return sub_node
        return key_node
    return lang_node


@dataclass(frozen=True)
class NegotiationConfig:
    """``negotiation.yaml`` read and checked, before any round is: what the folder holds and
    which round files it lists, in order."""

    folder: Path
    reader: NodeReader = field(repr=False)
    title: str
    description: str | None
    illustrative: bool
    languages: tuple[str, ...]
    parties: tuple[Party, ...]
    authors: tuple[Author, ...]
    perspective: str | None
    round_names: tuple[str, ...]
    round_nodes: tuple[YNode, ...] = field(repr=False)
    lexicon_node: YNode | None = field(repr=False)

    @property
    def round_paths(self) -> tuple[Path, ...]:
        return tuple(self.folder / name for name in self.round_names)

    def load(self, read_round: Callable[[Path], Round] = load_round) -> Negotiation:
        """Every round listed, in order (each with ``read_round``), and the checked lexicon."""
        reader = self.reader
        rounds: list[Round] = []
        codes = {p.code for p in self.parties} | {a.code for a in self.authors}
        for name, node in zip(self.round_names, self.round_nodes, strict=True):
            round_path = self.folder / name
            if not round_path.exists():
                raise reader.fail(node, f"round {name!r} is listed but {round_path} does not exist", "create the file or remove it from `rounds`")
            round_ = read_round(round_path)
            if round_.info.party is not None and round_.info.party not in codes:
                raise ConfigError(
                    f"round party {round_.info.party!r} is not one of the parties ({', '.join(sorted(p.code for p in self.parties))})"
                    + (f" or authors ({', '.join(a.code for a in self.authors)})" if self.authors else ""),
                    location=Location(round_path),
                    fix="use a party code from negotiation.yaml, or list who proposed the round under `authors:`",
                )
            if any(r.name == round_.name for r in rounds):
                raise reader.fail(node, f"round {name!r} is listed twice", "list each round once")
            rounds.append(round_)
        lexicon = _lexicon(reader, self.lexicon_node) if self.lexicon_node is not None else {}
        return Negotiation(
            title=self.title,
            parties=self.parties,
            rounds=tuple(rounds),
            languages=self.languages,
            illustrative=self.illustrative,
            description=self.description,
            lexicon=lexicon,
            path=str(self.folder),
            authors=self.authors,
            perspective=self.perspective,
        )


def inside_folder(folder: Path, name: str) -> Path | None:
    """``folder / name`` if it stays inside ``folder`` (links followed), else ``None``.

    A round's text is published in the report: a config that names ``../``, an absolute path
    or a link leading out of the folder would publish files the negotiation does not hold."""
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts or not name.strip():
        return None
    path = folder / candidate
    try:
        path.resolve().relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # outside, or a loop of links
        return None
    return path


def read_config(folder: Path) -> NegotiationConfig:
    """Read and check ``folder/negotiation.yaml`` (not the rounds it lists)."""
    if not folder.exists():
        raise ConfigError("no such folder", location=Location(folder), fix="check the path")
    if folder.is_file():
        raise ConfigError("is a file, not a negotiation folder", location=Location(folder), fix=f"name the folder that holds {CONFIG_NAME}")
    path = folder / CONFIG_NAME
    if not path.exists():
        raise ConfigError(f"no {CONFIG_NAME} in this folder", location=Location(folder), fix="create one with `treatydiff init DIR`")
    reader = NodeReader(path, ConfigError)
    root = parse_yaml(read_text(path), path)
    if root is None:
        raise ConfigError("the config is empty", location=Location(path), fix="run `treatydiff init` for an example")
    config = reader.mapping(root, "the negotiation config", CONFIG_KEYS)
    version = reader.required(config, "treatydiff", "the negotiation config")
    if version != str(FORMAT_VERSION):
        raise reader.fail(config.items["treatydiff"][1], f"unsupported config version {version!r}", f"this treatydiff reads version {FORMAT_VERSION}")
    title = reader.required(config, "title", "the negotiation config")
    illustrative = False
    if "illustrative" in config.items:
        flag = reader.string(config.items["illustrative"][1], "illustrative")
        if flag not in ("true", "false"):
            raise reader.fail(config.items["illustrative"][1], "`illustrative` must be true or false", "write `illustrative: true`")
        illustrative = flag == "true"
    languages = _string_list(reader, config.items["languages"][1], "languages") if "languages" in config.items else ("en",)
    if "parties" not in config.items:
        raise reader.fail(config, "missing required key 'parties'", "add a `parties:` list")
    parties = _parties(reader, config.items["parties"][1])
    authors = _authors(reader, config.items["authors"][1], parties) if "authors" in config.items else ()
    perspective = reader.optional(config, "perspective", "perspective")
    if perspective is not None and not any(p.code == perspective for p in parties):
        raise reader.fail(config.items["perspective"][1], f"perspective {perspective!r} is not one of the parties",
                          "give the code of a party listed under `parties:` (an author binds no one and has no side)")
    if "rounds" not in config.items:
        raise reader.fail(config, "missing required key 'rounds'", "list the round files in order under `rounds:`")
    round_nodes = config.items["rounds"][1]
    names = _string_list(reader, round_nodes, "rounds")  # empty in a new folder: `treatydiff add` fills it
    assert isinstance(round_nodes, YList)
    # Refused here, before any round is read (ahead in parallel, or by load).
    for name, node in zip(names, round_nodes.items, strict=True):
        if inside_folder(folder, name) is None:
            raise reader.fail(
                node,
                f"round {name!r} is outside the negotiation folder (an absolute path, '..' or a link leading out)",
                f"keep round files inside {folder} and list them relative to it, e.g. rounds/r1.yaml",
            )
    return NegotiationConfig(
        folder=folder,
        reader=reader,
        title=title,
        description=reader.optional(config, "description", "description"),
        illustrative=illustrative,
        languages=languages,
        parties=parties,
        authors=authors,
        perspective=perspective,
        round_names=names,
        round_nodes=tuple(round_nodes.items),
        lexicon_node=config.items["lexicon"][1] if "lexicon" in config.items else None,
    )


def load_negotiation(folder: Path, *, read_round: Callable[[Path], Round] = load_round) -> Negotiation:
    """Load a negotiation folder and every round it lists, in order (each with ``read_round``:
    a caller may pass one that reuses rounds parsed by an earlier run)."""
    return read_config(folder).load(read_round)
