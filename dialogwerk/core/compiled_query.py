"""A queryset compiled to SQL once and run again with other values, for the few reads the live event makes
hundreds of times a second (a participant's token, the open vote, the card a dot goes on); and an INSERT
of one row without the ORM's generic saving path (`insert_row`), for the dot.

Building and compiling a queryset costs Django's ORM several times what running it costs: on PostgreSQL
0.7 ms of CPU for the participant behind a token, of which 0.1 ms is the query and its rows. With 1,000
phones writing, that compiling was a fifth of an app process's CPU. Here the queryset is compiled once per
database connection (a compiler belongs to its connection, and each database thread has its own); each
call puts its values in place of the sample values it was compiled with, runs the SQL through the
connection's cursor (so query logging, execute wrappers and the test's transaction still apply), and turns
the rows into values or model instances as Django's own iterables do.

Only for querysets whose parameters are the call's values and constants; each sample value must appear
exactly once among the compiled parameters (choose samples no caller passes).
"""

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

_M = TypeVar("_M", bound=Model)


class CompiledQuery(Generic[_M]):
    def __init__(self, build: Callable[..., QuerySet[_M, Any]], *samples: Any, using: str = "default"):
        self._build, self._samples, self._using = build, samples, using
        self._local = threading.local()

    def rows(self, *values: Any) -> list:
        """The rows as Django's `values_list` gives them (each a list), converters applied."""
        return self._compiled().rows(values)

    def objects(self, *values: Any) -> list[_M]:
        """Model instances, with what `select_related` names, as iterating the queryset gives them."""
        return self._compiled().objects(values)  # type: ignore[return-value]

    def first(self, *values: Any) -> _M | None:
        found = self.objects(*values)
        return found[0] if found else None

    def _compiled(self) -> "_Compiled":
        connection = connections[self._using]
        compiled = getattr(self._local, "compiled", None)
        if compiled is None or compiled.connection is not connection:
            compiled = self._local.compiled = _Compiled(self._build(*self._samples), self._samples, connection)
        return compiled


class _Compiled:
    def __init__(self, queryset: QuerySet, samples: tuple, connection):
        self.connection = connection
        self.alias = connection.alias
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.places = [_place_of(sample, self.params, self.sql) for sample in samples]
        self.compiler = compiler
        self.converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        self.klass_info = compiler.klass_info
        if self.klass_info is not None:  # a queryset of model instances (not values)
            select_fields = self.klass_info["select_fields"]
            self.model_slice = slice(select_fields[0], select_fields[-1] + 1)
            self.init_list = [column[0].target.attname for column in compiler.select[self.model_slice]]
            self.related_populators = get_related_populators(self.klass_info, compiler.select, self.alias)  # type: ignore[call-arg]  # stubs of Django 6

    def rows(self, values: tuple) -> list:
        params = list(self.params)
        for place, value in zip(self.places, values, strict=True):
            params[place] = value
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.compiler.has_extra_select:  # columns only the ordering needed
            rows = [row[: self.compiler.col_count] for row in rows]
        if self.converters:
            return list(self.compiler.apply_converters(rows, self.converters))
        return [list(row) for row in rows]

    def objects(self, values: tuple) -> list[Model]:
        model = self.klass_info["model"]
        found = []
        for row in self.rows(values):
            obj = model.from_db(self.alias, self.init_list, row[self.model_slice])
            for populator in self.related_populators:
                populator.populate(row, obj)
            found.append(obj)
        return found


def _place_of(sample: Any, params: list, sql: str) -> int:
    places = [i for i, param in enumerate(params) if type(param) is type(sample) and param == sample]
    if len(places) != 1:
        raise ImproperlyConfigured(
            f"The sample value {sample!r} appears {len(places)} times in the parameters of {sql}"
        )
    return places[0]


def insert_row(obj: Model, using: str = "default") -> None:
    """Insert a new `obj` as `obj.save()` would, and set its id — for a model without save() logic or signals.

    Django's save() walks a generic path (save_base, _save_table, an InsertQuery and its compiler): 7 % of an app
    process's CPU while 1,000 phones placed their dots (py-spy). The SQL is made once per model and database;
    the values are prepared by the fields themselves (auto_now_add, JSON, times)."""
    connection = connections[using]
    if not connection.features.can_return_columns_from_insert:  # PostgreSQL and SQLite have RETURNING
        obj.save(using=using)
        return
    key = (type(obj), connection.vendor)
    if key not in _INSERTS:
        _INSERTS[key] = _insert_statement(type(obj), connection)
    sql, fields = _INSERTS[key]
    values = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        obj.pk = cursor.fetchone()[0]
    obj._state.adding, obj._state.db = False, using


_INSERTS: dict[tuple[type[Model], str], tuple[str, list]] = {}


def _insert_statement(model: type[Model], connection) -> tuple[str, list]:
    meta, quote = model._meta, connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not (field.primary_key and field.db_returning)]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(meta.pk.column)}"
    )
    return sql, fields
