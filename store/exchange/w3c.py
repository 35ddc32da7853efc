"""W3C Web Annotation JSON-LD for other tools: an AnnotationCollection, written, never read.

TextPositionSelector offsets are Unicode code points, as the store's are. Each annotation carries its
own @context, as the model asks, so it stands alone when a tool takes it out of the collection (an
annotation server, one file per annotation); with `embed_context` every @context the file writes,
the collection's and each annotation's, holds the terms too. `SCHEMA_PATH` describes the file.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

from store.exchange.annotated import annotated_articles
from store.model import Annotation, Article, Record
from store.store import Store, now_iso

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SCHEMA_PATH = Path(__file__).with_name("schema") / "newsbrief-w3c.schema.json"

# The terms this export uses, as the W3C Web Annotation vocabulary (https://www.w3.org/TR/annotation-vocab/)
# and its context document define them: embedded, they let a JSON-LD processor expand the file with
# no network. The suite requires the anno.jsonld IRI among the @context values, so it stays first.
EMBEDDED_CONTEXT: Record = {
    "oa": "http://www.w3.org/ns/oa#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "as": "https://www.w3.org/ns/activitystreams#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": {"@id": "@id", "@type": "@id"},
    "type": {"@id": "@type", "@type": "@id"},
    "Annotation": "oa:Annotation",
    "AnnotationCollection": "as:OrderedCollection",
    "AnnotationPage": "as:OrderedCollectionPage",
    "TextualBody": "oa:TextualBody",
    "SpecificResource": "oa:SpecificResource",
    "TextQuoteSelector": "oa:TextQuoteSelector",
    "TextPositionSelector": "oa:TextPositionSelector",
    "tagging": "oa:tagging",
    "commenting": "oa:commenting",
    "body": {"@type": "@id", "@id": "oa:hasBody"},
    "target": {"@type": "@id", "@id": "oa:hasTarget"},
    "source": {"@type": "@id", "@id": "oa:hasSource"},
    "selector": {"@type": "@id", "@id": "oa:hasSelector"},
    "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
    "purpose": {"@type": "@vocab", "@id": "oa:hasPurpose"},
    "value": {"@type": "xsd:string", "@id": "rdf:value"},
    "format": {"@type": "xsd:string", "@id": "dc:format"},
    "exact": {"@type": "xsd:string", "@id": "oa:exact"},
    "prefix": {"@type": "xsd:string", "@id": "oa:prefix"},
    "suffix": {"@type": "xsd:string", "@id": "oa:suffix"},
    "start": {"@type": "xsd:nonNegativeInteger", "@id": "oa:start"},
    "end": {"@type": "xsd:nonNegativeInteger", "@id": "oa:end"},
    "created": {"@type": "xsd:dateTime", "@id": "dcterms:created"},
    "modified": {"@type": "xsd:dateTime", "@id": "dcterms:modified"},
    "generated": {"@type": "xsd:dateTime", "@id": "dcterms:issued"},
    "label": "rdfs:label",
    "total": {"@type": "xsd:nonNegativeInteger", "@id": "as:totalItems"},
    "first": {"@type": "@id", "@id": "as:first"},
    "startIndex": {"@type": "xsd:nonNegativeInteger", "@id": "as:startIndex"},
    "items": {"@id": "as:items", "@container": "@list"},
}


def export_w3c(store: Store, *, embed_context: bool = False) -> Record:
    """An AnnotationCollection with one page holding one W3C Annotation per annotation; with
    `embed_context`, every @context (the collection's, each annotation's) also holds the terms
    themselves (`EMBEDDED_CONTEXT`)."""
    context: str | list[str | Record] = [W3C_CONTEXT, EMBEDDED_CONTEXT] if embed_context else W3C_CONTEXT
    items = [_w3c_annotation(article, a, context) for article, annotations in annotated_articles(store) for a in annotations]
    return {
        "@context": context,
        "id": _urn_uuid(uuid.uuid4()),
        "type": "AnnotationCollection",
        "label": "newsbrief annotations",
        "generated": now_iso(),
        "total": len(items),
        "first": {"id": _urn_uuid(uuid.uuid4()), "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _w3c_annotation(article: Article, annotation: Annotation, context: str | list[str | Record]) -> Record:
    bodies = [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in annotation.tags]
    if annotation.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note, "format": "text/plain"})
    quote_selector = {"type": "TextQuoteSelector", "exact": annotation.quote}
    if annotation.prefix:
        quote_selector["prefix"] = annotation.prefix
    if annotation.suffix:
        quote_selector["suffix"] = annotation.suffix
    # W3C TextPositionSelector counts Unicode code points, which is exactly what Python str indices
    # count, so the store's offsets go out unchanged (no UTF-16 or byte conversion).
    position_selector = {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end}
    return {
        "@context": context,
        "id": _urn_uuid(uuid.UUID(hex=annotation.id)),
        "type": "Annotation",
        "motivation": "tagging" if annotation.tags else "commenting",
        "created": annotation.created,
        "modified": annotation.modified,
        "body": bodies,
        "target": {"type": "SpecificResource", "source": _article_iri(article), "selector": [quote_selector, position_selector]},
    }


def _urn_uuid(value: uuid.UUID) -> str:
    return f"urn:uuid:{value}"


def _article_iri(article: Article) -> str:
    """The article's web address when it has an http(s) one, else a URN built from its id.

    A URL is made a plain URI (non-ASCII percent-encoded) because W3C validators check `format: uri`.
    """
    url = article.url
    if url and urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
        return quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return f"urn:newsbrief:article:{article.id}"
