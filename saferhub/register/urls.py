from django.urls import path

from saferhub.register.views import merge, people, places, search

app_name = "register"
urlpatterns = [
    path("", search.register_search, name="search"),
    path("people/add", people.person_add, name="person-add"),
    path("people/<int:person_pk>/", people.person_detail, name="person"),
    path("people/<int:person_pk>/edit", people.person_edit, name="person-edit"),
    path("people/<int:person_pk>/aliases/add", people.person_alias_add, name="person-alias-add"),
    path("people/<int:person_pk>/merge", merge.person_merge, name="person-merge"),
    path("places/add", places.location_add, name="place-add"),
    path("places/<int:location_pk>/", places.location_detail, name="place"),
    path("places/<int:location_pk>/edit", places.location_edit, name="place-edit"),
    path("places/<int:location_pk>/merge", merge.location_merge, name="place-merge"),
]
