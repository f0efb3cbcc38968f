"""What a summary or an analysis covers: a partnership, a local authority, a force or an area.

Records are attributed to a local authority, and through it to partnerships and areas, by the LSOA
they carry (joined to the ``lsoa`` reference table), whichever force reported them. Records without
an LSOA ("No Location") belong to no local authority: they count only in a force scope, which
selects by the "Reported by" column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from saferhub.crimedata import store
from saferhub.partnerships.models import Area, LocalAuthority, Partnership

KINDS = ("partnership", "local_authority", "force", "area")


class ScopeError(ValueError):
    """An unknown scope; the message says what exists instead."""


@dataclass(frozen=True)
class Scope:
    kind: str  # 'partnership' | 'local_authority' | 'force' | 'area'
    key: str  # partnership slug, ONS code, force name ("Reported by"), area slug
    label: str  # e.g. "Braintree District Community Safety Partnership"
    lad_codes: frozenset[str]  # empty for a force scope
    force: str | None  # the "Reported by" value for a force scope, else None

    def where(self, alias_street: str = "s", alias_lsoa: str = "r") -> tuple[str, list[Any]]:
        """SQL condition and params selecting this scope's rows from
        ``street s LEFT JOIN lsoa r ON r.lsoa_code = s.lsoa_code`` (outcomes the same way)."""
        if self.kind == "force":
            return f"{alias_street}.reported_by = ?", [self.force]
        if not self.lad_codes:
            return "FALSE", []
        codes = sorted(self.lad_codes)
        return f"{alias_lsoa}.lad_code IN ({', '.join('?' * len(codes))})", codes


def partnership_scope(partnership: Partnership) -> Scope:
    """A partnership's local authorities, by their ONS codes."""
    codes = frozenset(partnership.local_authorities.values_list("ons_code", flat=True))
    return Scope("partnership", partnership.slug, partnership.name, codes, None)


def area_scope(area: Area) -> Scope:
    """Every local authority of an area (a county or force area), by their ONS codes."""
    codes = frozenset(LocalAuthority.objects.filter(area=area).values_list("ons_code", flat=True))
    return Scope("area", area.slug, area.name, codes, None)


def scope_for(kind: str, key: str) -> Scope:
    """The scope of ``kind`` named by ``key``; ScopeError, saying what exists, when there is none."""
    key = key.strip()
    if kind == "partnership":
        partnership = Partnership.objects.filter(slug=key).first()
        if partnership is None:
            known = ", ".join(Partnership.objects.values_list("slug", flat=True)) or "none yet"
            raise ScopeError(f"no partnership has the short name {key!r} (known: {known})")
        return partnership_scope(partnership)
    if kind == "area":
        area = Area.objects.filter(slug=key).first()
        if area is None:
            known = ", ".join(Area.objects.values_list("slug", flat=True)) or "none yet"
            raise ScopeError(f"no area has the short name {key!r} (known: {known})")
        return area_scope(area)
    if kind == "local_authority":
        return _local_authority_scope(key.upper())
    if kind == "force":
        if not key:
            raise ScopeError('the force is blank: give its name as in the "Reported by" column, e.g. "Essex Police"')
        return Scope("force", key, key, frozenset(), key)
    raise ScopeError(f"{kind!r} is not a kind of scope (one of {', '.join(KINDS)})")


def _local_authority_scope(code: str) -> Scope:
    """A local authority known to SaferHub, or one found in the LSOA reference table."""
    authority = LocalAuthority.objects.filter(ons_code=code).first()
    if authority is not None:
        return Scope("local_authority", code, authority.name, frozenset({code}), None)
    with store.connect() as con:
        in_table = dict(
            con.execute(
                "SELECT lad_code, any_value(lad_name) FROM lsoa WHERE lad_code IS NOT NULL GROUP BY 1"
            ).fetchall()
        )
    if code in in_table:
        return Scope("local_authority", code, in_table[code] or code, frozenset({code}), None)
    known = ", ".join(f"{a.ons_code} ({a.name})" for a in LocalAuthority.objects.order_by("ons_code")) or "none"
    if not in_table:
        elsewhere = "the LSOA reference table is not loaded (`saferhub crime reference FOLDER`)"
    else:
        # The codes of the same kind (E07 districts, E09 London boroughs...) are the likely intended ones.
        alike = sorted(c for c in in_table if c[:3] == code[:3])[:30] or sorted(in_table)[:30]
        sample = ", ".join(f"{c} ({in_table[c]})" for c in alike)
        elsewhere = f"the LSOA reference table knows {len(in_table)} codes, such as {sample}"
    raise ScopeError(f"no local authority has the ONS code {code!r}. Set up in SaferHub: {known}; {elsewhere}")
