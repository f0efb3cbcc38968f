"""Merging duplicate people and places: every link moves to the record kept; the duplicate is archived.

Split from ``services`` by noun: merging walks every relation of the model, whichever app declares it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel, ManyToManyRel
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.register.models import Location, Person, PersonAlias, SubjectKind
from saferhub.register.services import (
    _NOT_COPIED,
    _alias_create,
    _location_search_address,
    _person_search_name,
)

R = TypeVar("R", Person, Location)


def _check_merge(keep: R, duplicate: R, noun: str) -> None:
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": f"Choose a different {noun}: a record cannot be merged into itself"})
    if keep.partnership_id != duplicate.partnership_id:
        raise ValidationError({"duplicate": f"Both {noun}s must be recorded in the same partnership"})
    if duplicate.merged_into_id is not None:
        raise ValidationError({"duplicate": f"This {noun} has already been merged into another record"})
    if keep.merged_into_id is not None:
        raise ValidationError({"keep": f"The {noun} to keep was itself merged into another record; keep that one"})
    if keep.archived_at is not None:
        raise ValidationError({"keep": f"The {noun} to keep is archived"})


def _locked(model: type[R], keep: R, duplicate: R) -> tuple[R, R]:
    """Both rows, read again under a row lock (in primary-key order, so two merges cannot deadlock)."""
    rows = {
        r.pk: r
        for r in model._default_manager.select_for_update().filter(pk__in=[keep.pk, duplicate.pk]).order_by("pk")
    }
    return rows.get(keep.pk, keep), rows.get(duplicate.pk, duplicate)


def _move_links(
    keep: R, duplicate: R, skip: Iterable[type[models.Model]] = ()
) -> tuple[dict[str, int], dict[str, int]]:
    """Point every foreign key from any app at ``keep`` instead of ``duplicate``.

    Walks the reverse relations of the model, hidden ones included (``related_name="+"`` and the
    tables behind many-to-many fields), except the record's own ``merged_into``. Where moving a row
    would break a unique constraint (the person is already on that incident in that role), the
    duplicate's row is dropped. Returns ``(moved, dropped)`` counts by model label.
    """
    model = type(keep)
    own = model._meta.get_field("merged_into")
    skipped = set(skip)
    moved: dict[str, int] = {}
    dropped: dict[str, int] = {}
    for relation in model._meta.get_fields(include_hidden=True):
        # Reverse foreign keys and one-to-ones; a many-to-many is reached through its table's foreign key.
        if not isinstance(relation, ForeignObjectRel) or isinstance(relation, ManyToManyRel):
            continue
        field = relation.field
        related = relation.related_model
        if field is own or related in skipped or not isinstance(related, type):
            continue
        rows = related._base_manager.filter(**{field.name: duplicate})
        label = related._meta.label_lower
        count_moved = count_dropped = 0
        try:
            with transaction.atomic():
                count_moved = rows.update(**{field.name: keep})
        except IntegrityError:
            # Some rows clash with rows the kept record already has: move them one at a time.
            for pk in list(rows.values_list("pk", flat=True)):
                try:
                    with transaction.atomic():
                        related._base_manager.filter(pk=pk).update(**{field.name: keep})
                    count_moved += 1
                except IntegrityError:
                    related._base_manager.filter(pk=pk).delete()
                    count_dropped += 1
        if count_moved:
            moved[label] = moved.get(label, 0) + count_moved
        if count_dropped:
            dropped[label] = dropped.get(label, 0) + count_dropped
    return moved, dropped


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _fill_blanks(keep: R, duplicate: R) -> list[str]:
    """Copy into ``keep`` each detail it lacks and the duplicate has; return the fields filled."""
    filled = []
    for field in type(keep)._meta.concrete_fields:
        if field.name in _NOT_COPIED or not field.editable:
            continue
        theirs = getattr(duplicate, field.attname)
        if _is_blank(getattr(keep, field.attname)) and not _is_blank(theirs):
            setattr(keep, field.attname, theirs)
            filled.append(field.name)
    return filled


def _audit_merge(verb: str, by: Any, keep: R, duplicate: R, detail: dict[str, Any]) -> None:
    for target, role in ((keep, "kept"), (duplicate, "merged")):
        audit.record(
            actor=by,
            verb=verb,
            target=target,
            detail={"this_record": role, "kept": keep.pk, "merged": duplicate.pk, **detail},
        )


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person, by: Any) -> Person:
    """Merge two records of the same person: every link, other name and missing detail of the
    duplicate moves to ``keep``; the duplicate points at ``keep`` and is archived.

    Both must be of the same partnership and both people (or both businesses or groups). Safety
    flags are combined and an interpreter need is kept, so a merge never loses a warning.
    """
    keep, duplicate = _locked(Person, keep, duplicate)
    _check_merge(keep, duplicate, "person")
    if (keep.kind == SubjectKind.PERSON) != (duplicate.kind == SubjectKind.PERSON):
        raise ValidationError({"duplicate": "A person cannot be merged with a business or group"})
    known_names = {keep.search_name, *keep.aliases.values_list("search_name", flat=True)}
    aliases_moved = aliases_dropped = 0
    for alias in list(duplicate.aliases.all()):
        if alias.search_name in known_names:
            alias.delete()
            aliases_dropped += 1
        else:
            alias.person = keep
            alias.save(update_fields=["person"])
            known_names.add(alias.search_name)
            aliases_moved += 1
    moved, dropped = _move_links(keep, duplicate, skip=[PersonAlias])
    if aliases_moved:
        moved[PersonAlias._meta.label_lower] = aliases_moved
    if aliases_dropped:
        dropped[PersonAlias._meta.label_lower] = aliases_dropped
    flags = list(dict.fromkeys([*keep.safety_flags, *duplicate.safety_flags]))
    filled = _fill_blanks(keep, duplicate)
    if flags != keep.safety_flags:
        keep.safety_flags = flags
        if "safety_flags" not in filled:
            filled.append("safety_flags")
    if duplicate.interpreter_needed and not keep.interpreter_needed:
        keep.interpreter_needed = True
        filled.append("interpreter_needed")
    keep.search_name = _person_search_name(keep)
    keep.save()
    if _alias_create(keep, duplicate.display_name) is not None:
        moved[PersonAlias._meta.label_lower] = moved.get(PersonAlias._meta.label_lower, 0) + 1
    duplicate.merged_into = keep
    duplicate.archived_at = duplicate.archived_at or timezone.now()
    duplicate.save(update_fields=["merged_into", "archived_at"])
    _audit_merge(Verb.PERSON_MERGED, by, keep, duplicate, {"moved": moved, "dropped": dropped, "filled": filled})
    return keep


@transaction.atomic
def location_merge(*, keep: Location, duplicate: Location, by: Any) -> Location:
    """Merge two records of the same place: residents, incidents and every other link of the
    duplicate move to ``keep``, with any detail ``keep`` lacks; the duplicate points at ``keep``
    and is archived. Both must be of the same partnership."""
    keep, duplicate = _locked(Location, keep, duplicate)
    _check_merge(keep, duplicate, "place")
    moved, dropped = _move_links(keep, duplicate)
    filled = _fill_blanks(keep, duplicate)
    keep.search_address = _location_search_address(keep)
    keep.save()
    duplicate.merged_into = keep
    duplicate.archived_at = duplicate.archived_at or timezone.now()
    duplicate.save(update_fields=["merged_into", "archived_at"])
    _audit_merge(Verb.LOCATION_MERGED, by, keep, duplicate, {"moved": moved, "dropped": dropped, "filled": filled})
    return keep
