"""The inventory format as a pydantic v2 model (reference: ``docs/inventory-format.md``, generated from it).

This model is the single source of the JSON Schema that files are validated against
(``aiguard schema``; committed as ``src/aiguard/schema/inventory.schema.json``). It is strict:
unknown fields are errors (a typo such as ``encrpytion`` must not silently drop a control) and
no value is coerced (``at_rest: "yes"`` is an error, not ``True``).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from aiguard.validate.collections import API_VERSION, DATE_PATTERN, KIND, MAX_YEAR, MIN_YEAR


def _iso_date(value: Any) -> Any:
    # Dates are written as ISO 8601 strings; a number or a datetime is not a date. (A ValueError:
    # pydantic reports it as a validation error, a TypeError would escape as a crash.)
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 date string such as 2026-03-01")
    if not re.match(DATE_PATTERN, value):
        raise ValueError(f"must be an ISO 8601 date (YYYY-MM-DD) in the years {MIN_YEAR} to {MAX_YEAR}")
    return value


IsoDate = Annotated[
    _dt.date, Strict(False), BeforeValidator(_iso_date), Field(json_schema_extra={"pattern": DATE_PATTERN}),
]
Text = Annotated[StrictStr, Field(min_length=1, pattern=r"\S")]
Id = Annotated[StrictStr, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$")]
Days = Annotated[StrictInt, Field(ge=0)]
Number = Annotated[float, Strict(), Field(ge=0)]


class _Strict(BaseModel):
    """Unknown fields are errors; so is an explicit null (a field is either given or left out).

    Optional fields are typed ``X | None`` (absent reads as None), but null is no value a file may
    write: ``_NoNullSchema`` leaves it out of the JSON Schema and ``_no_null`` rejects it here.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _no_null(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulls = [key for key, value in data.items() if value is None]
            if nulls:
                raise ValueError(f"{', '.join(map(str, nulls))}: null is not allowed (leave the field out)")
        return data


class _Owned(_Strict):
    """Identity shared by stores, models and datasets."""

    id: Id = Field(description="unique id across the whole inventory, all collections")
    name: Text | None = Field(None, description="human-readable name")
    owner: Text | None = Field(None, description="the accountable team or mailbox")


Classification = Literal["public", "internal", "confidential", "restricted"]


# --- stores -------------------------------------------------------------------------------------


StoreKind = Literal[
    "object_storage", "database", "file_share", "container_registry", "model_registry", "notebook",
    "warehouse", "saas", "endpoint", "laptop",
]


Environment = Literal["production", "research", "development", "partner_shared"]


KeyKind = Literal["none", "provider_managed", "customer_managed", "hsm"]


class Encryption(_Strict):
    at_rest: StrictBool | None = Field(None, description="the store encrypts data at rest")
    key: KeyKind | None = Field(
        None,
        description=(
            "who holds the encryption key: none, provider_managed (the cloud provider), customer_managed "
            "(your KMS key) or hsm"
        ),
    )
    key_rotation_days: Annotated[StrictInt, Field(ge=1)] | None = Field(
        None, description="days between rotations of a customer-managed or HSM key; absent: never rotated",
    )
    in_transit: StrictBool | None = Field(None, description="TLS is enforced for every connection (plaintext refused)")


class Network(_Strict):
    private: StrictBool | None = Field(None, description="reachable only from private networks (no public endpoint)")


class Logging(_Strict):
    data_access: StrictBool | None = Field(
        None, description="reads of the data are logged (e.g. S3 data events, database audit logs)",
    )
    retention_days: Days | None = Field(None, description="days the data-access logs are kept")


class EgressAlert(_Strict):
    enabled: StrictBool | None = Field(None, description="an alert fires on bulk reads or downloads from the store")
    threshold_gb_per_day: Number | None = Field(None, description="gigabytes per day above which the alert fires")


class Backup(_Strict):
    enabled: StrictBool | None = Field(None, description="the store is backed up")
    immutable: StrictBool | None = Field(
        None, description="backups cannot be changed or deleted before they expire (object lock, WORM)",
    )
    separate_account: StrictBool | None = Field(
        None, description="backups live in a separate account or tenant from the store",
    )
    last_restore_test: IsoDate | None = Field(None, description="date of the last successful restore test")


class Store(_Owned):
    """Where assets live."""

    kind: StoreKind | None = Field(None, description="what kind of store it is")
    provider: Text | None = Field(None, description="who runs it, e.g. aws, azure, gcp, on_premises")
    region: Text | None = Field(None, description="where it runs, e.g. eu-central-1")
    environment: Environment | None = Field(
        None, description="what the store is used for; partner_shared: partners have access",
    )
    encryption: Encryption | None = Field(None, description="encryption at rest and in transit")
    public_access: StrictBool | None = Field(
        None, description="anyone on the internet can read it (a public bucket or share)",
    )
    network: Network | None = Field(None, description="network exposure")
    logging: Logging | None = Field(None, description="data-access logging")
    egress_alert: EgressAlert | None = Field(None, description="alerting on bulk reads and downloads (exfiltration)")
    backup: Backup | None = Field(None, description="backups, for resilience against destruction and extortion")


# --- models -------------------------------------------------------------------------------------


WeightsFormat = Literal[
    "safetensors", "onnx", "gguf", "pytorch_pickle", "pickle", "joblib", "keras_h5",
    "tf_savedmodel", "other",
]


SignatureMethod = Literal["sigstore", "gpg", "x509", "other"]


class Signature(_Strict):
    signed: StrictBool | None = Field(None, description="the released artifact is signed")
    method: SignatureMethod | None = Field(None, description="how it is signed")


ScanResult = Literal["clean", "issues"]


class Scan(_Strict):
    """A malicious-serialization scan of the weights."""

    tool: Text | None = Field(None, description="the scanner, e.g. modelscan, picklescan")
    date: IsoDate = Field(description="date of the scan")
    result: ScanResult = Field(description="clean (nothing found) or issues")


class Weights(_Strict):
    store: Id | None = Field(None, description="id of the store holding the weights")
    path: Text | None = Field(None, description="path of the weights within the store")
    format: WeightsFormat | None = Field(
        None, description="file format; pytorch_pickle, pickle, joblib and keras_h5 can carry code that runs on load",
    )
    size_gb: Number | None = Field(None, description="size in gigabytes")
    encrypted: StrictBool | None = Field(
        None, description="the artifact itself is encrypted (envelope encryption), beyond the store's encryption",
    )
    sha256: Annotated[StrictStr, Field(pattern=r"^[0-9a-fA-F]{64}$")] | None = Field(
        None, description="SHA-256 hex digest (64 hex digits) of the released artifact",
    )
    signature: Signature | None = Field(None, description="signature of the released artifact")
    last_scan: Scan | None = Field(None, description="the last malicious-serialization scan of the weights")


class Training(_Strict):
    datasets: list[Id] = Field(
        default_factory=list, description="ids of the datasets the model was trained or fine-tuned on",
    )
    base_model: Text | None = Field(None, description="the model it was fine-tuned from: free text or a model id")


Exposure = Literal["internal", "partner", "public"]


class Deployment(_Strict):
    endpoint: Text = Field(description="URL or name of the endpoint serving the model")
    exposure: Exposure = Field(description="who can call it: internal, partner or public")
    authentication: StrictBool | None = Field(None, description="callers must authenticate")
    rate_limited: StrictBool | None = Field(None, description="calls are rate-limited (slows model extraction)")


class Model(_Owned):
    classification: Classification | None = Field(
        None, description="sensitivity of the model; an unclassified model is treated as public",
    )
    proprietary: StrictBool | None = Field(
        None, description="the weights are the organization's own intellectual property",
    )
    weights: Weights | None = Field(
        None, description="the model's weights: where they are, their format, integrity and scans",
    )
    training: Training | None = Field(None, description="what the model was trained on")
    deployments: list[Deployment] = Field(default_factory=list, description="endpoints serving the model")


# --- datasets -----------------------------------------------------------------------------------


DatasetType = Literal["training", "evaluation", "logs", "prompts", "embeddings", "other"]


PersonalData = Literal["phi", "pii", "genetic", "biometric", "health"]


DeidStatus = Literal["none", "pseudonymised", "anonymised"]


DeidMethod = Literal[
    "safe_harbor", "expert_determination", "k_anonymity", "tokenisation", "aggregation", "other",
]


class Deidentification(_Strict):
    status: DeidStatus | None = Field(
        None, description="none, pseudonymised (re-identifiable with a key) or anonymised",
    )
    method: DeidMethod | None = Field(None, description="how the data was de-identified")
    key_store: Id | None = Field(
        None, description="id of the store holding the re-identification key (pseudonymised data)",
    )
    last_risk_assessment: IsoDate | None = Field(None, description="date of the last re-identification risk assessment")
    risk_score: Annotated[float, Strict(), Field(ge=0, le=1)] | None = Field(
        None, description="the assessed re-identification risk, from 0.0 to 1.0",
    )


Purpose = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$", description="e.g. ai_training, research")]


class Retention(_Strict):
    until: IsoDate | None = Field(None, description="date after which the data must be deleted")


class Dataset(_Owned):
    classification: Classification | None = Field(
        None, description="sensitivity of the dataset; an unclassified dataset is treated as public",
    )
    type: DatasetType | None = Field(None, description="what the dataset holds")
    store: Id | None = Field(None, description="id of the store holding the dataset")
    path: Text | None = Field(None, description="path of the dataset within the store")
    size_gb: Number | None = Field(None, description="size in gigabytes")
    personal_data: list[PersonalData] = Field(
        default_factory=list, description="kinds of personal data in it; empty or absent: none",
    )
    deidentification: Deidentification | None = Field(None, description="de-identification of the personal data")
    sources: list[Id] = Field(default_factory=list, description="ids of the data sources it was derived from")
    purposes: list[Purpose] = Field(
        default_factory=list,
        description=(
            "what the data may be used for, e.g. ai_training, research, evaluation, operations"
        ),
    )
    retention: Retention | None = Field(None, description="how long the data may be kept")
    contains_secrets: StrictBool | None = Field(
        None, description="the data (logs, prompts) contains credentials or other secrets",
    )


# --- data sources -------------------------------------------------------------------------------


SourceKind = Literal["clinical_trial", "ehr", "registry", "biobank", "public", "synthetic", "partner"]


class EthicsApproval(_Strict):
    reference: Text | None = Field(None, description="the ethics committee's (IRB's) reference")
    expires: IsoDate | None = Field(None, description="date the approval expires")


class Consent(_Strict):
    purposes: list[Purpose] = Field(
        default_factory=list, description="purposes the subjects consented to (the same words as a dataset's purposes)",
    )


class LawfulBasis(_Strict):
    gdpr_art6: Text | None = Field(None, description="the GDPR Art. 6 lawful basis, free text")
    gdpr_art9: Text | None = Field(None, description="the GDPR Art. 9 condition for special-category data, free text")


class DataSource(_Strict):
    id: Id = Field(description="unique id across the whole inventory, all collections")
    name: Text | None = Field(None, description="human-readable name")
    kind: SourceKind | None = Field(None, description="where the data comes from")
    trial_id: Text | None = Field(None, description="the trial's registry id, e.g. NCT01234567")
    regions: list[Text] = Field(default_factory=list, description="where subjects were enrolled, e.g. EU, US")
    hipaa_applicable: StrictBool | None = Field(None, description="HIPAA covers the data")
    ethics_approval: EthicsApproval | None = Field(None, description="the ethics committee's approval")
    consent: Consent | None = Field(None, description="what the subjects consented to")
    lawful_basis: LawfulBasis | None = Field(None, description="the GDPR lawful basis for processing")
    data_sharing_agreement: Text | None = Field(
        None, description="reference of the agreement under which the data may be shared; absent: none",
    )


# --- partners -----------------------------------------------------------------------------------


PartnerKind = Literal["ai_vendor", "cro", "cloud", "academic", "consultancy", "other"]


class Agreement(_Strict):
    signed: IsoDate = Field(description="date the agreement was signed")
    reference: Text | None = Field(None, description="the contract's reference")


class Agreements(_Strict):
    dpa: Agreement | None = Field(None, description="GDPR Art. 28 data processing agreement")
    baa: Agreement | None = Field(None, description="HIPAA business associate agreement")
    breach_notice_hours: Days | None = Field(
        None, description="hours within which the partner must report a breach on its side, by contract",
    )


AttestationType = Literal["soc2_type2", "iso27001", "iso42001", "other"]


class Attestation(_Strict):
    type: AttestationType = Field(description="the kind of attestation or certification")
    expires: IsoDate = Field(description="date the attestation expires")


class Partner(_Strict):
    id: Id = Field(description="unique id across the whole inventory, all collections; grants name it as partner:<id>")
    name: Text | None = Field(None, description="the organization's name")
    kind: PartnerKind | None = Field(None, description="what kind of partner it is")
    agreements: Agreements | None = Field(None, description="contracts with the partner")
    attestations: list[Attestation] = Field(
        default_factory=list, description="the partner's security attestations and certifications",
    )
    mfa_enforced: StrictBool | None = Field(
        None, description="the partner enforces multi-factor authentication for its people who reach your assets",
    )
    regions: list[Text] = Field(default_factory=list, description="where the partner processes data")


# --- access -------------------------------------------------------------------------------------


Level = Literal["read", "write", "admin"]


Principal = Annotated[
    StrictStr,
    Field(pattern=r"^(partner|group|user|service):\S+$",
          description="partner:<id>, group:<name>, user:<email>, service:<name>"),
]


class Grant(_Strict):
    """Who can reach what."""

    principal: Principal = Field(
        description="who holds the access: partner:<id>, group:<name>, user:<email> or service:<name>",
    )
    asset: Id = Field(description="id of the model, dataset, store or repository it reaches")
    level: Level = Field(description="read, write or admin")
    download: StrictBool | None = Field(None, description="may copy the asset out (bulk export)")
    purpose: Purpose | None = Field(
        None, description="why the access exists; for a partner, one of the dataset's purposes",
    )
    granted: IsoDate | None = Field(None, description="date the access was granted")
    expires: IsoDate | None = Field(None, description="date the access ends; absent: never")
    last_review: IsoDate | None = Field(None, description="date the grant was last reviewed")


# --- repositories -------------------------------------------------------------------------------


Visibility = Literal["private", "internal", "public"]


RepoContent = Literal["training_code", "inference_code", "pipelines", "notebooks", "infrastructure"]


class Repository(_Strict):
    id: Id = Field(description="unique id across the whole inventory, all collections")
    url: Text | None = Field(None, description="where the repository is")
    owner: Text | None = Field(None, description="the accountable team or mailbox")
    visibility: Visibility | None = Field(None, description="who can read it")
    contains: list[RepoContent] = Field(default_factory=list, description="what AI code it holds")
    secret_scanning: StrictBool | None = Field(None, description="secret scanning is enabled")
    push_protection: StrictBool | None = Field(None, description="pushes containing secrets are blocked")


# --- credentials --------------------------------------------------------------------------------


CredentialKind = Literal[
    "personal_access_token", "api_token", "registry_token", "service_account_key", "ssh_key",
]


StoredIn = Literal["vault", "ci_secret", "source_code", "client_bundle", "laptop", "other"]


class Credential(_Strict):
    id: Id = Field(description="unique id across the whole inventory, all collections")
    kind: CredentialKind | None = Field(None, description="what kind of credential it is")
    reaches: list[Id] = Field(
        default_factory=list, description="ids of the stores, repositories, models or datasets it grants access to",
    )
    scopes: list[Text] = Field(default_factory=list, description="the permissions it carries, as the issuer names them")
    expires: IsoDate | None = Field(None, description="date it expires; absent: never")
    stored_in: StoredIn | None = Field(
        None,
        description=(
            "where the secret is kept; source_code and client_bundle are readable by anyone with the "
            "code"
        ),
    )
    last_rotated: IsoDate | None = Field(None, description="date it was last rotated")
    found_in: list[Id] = Field(
        default_factory=list,
        description=(
            "ids of the repositories, stores, models or datasets where the secret can be read by whoever "
            "reaches them: committed, printed into logs, baked into an image"
        ),
    )


# --- controls and exceptions --------------------------------------------------------------------


class IncidentResponse(_Strict):
    plan: StrictBool | None = Field(None, description="a written incident response plan exists")
    covers_ai_assets: StrictBool | None = Field(
        None, description="the plan covers models, training data, clinical data and partner access",
    )
    extortion_playbook: StrictBool | None = Field(
        None, description="the plan has a playbook for extortion over stolen data",
    )
    last_exercise: IsoDate | None = Field(None, description="date of the last exercise of the plan")
    notification_hours: Days | None = Field(
        None,
        description=(
            "hours within which the plan commits to notifying the supervisory authority (GDPR Art. 33: "
            "72)"
        ),
    )


class Monitoring(_Strict):
    siem: StrictBool | None = Field(None, description="security events are collected in a SIEM")
    dlp: StrictBool | None = Field(None, description="data loss prevention is in place")


class Controls(_Strict):
    """Organization-wide controls."""

    incident_response: IncidentResponse | None = Field(None, description="incident response")
    access_review_interval_days: Annotated[StrictInt, Field(ge=1)] | None = Field(
        None, description="days between access reviews; overrides the access_review_interval_days parameter",
    )
    monitoring: Monitoring | None = Field(None, description="security monitoring")


class PolicyException(_Strict):
    """A waiver of one policy on one asset (``"*"``: every subject), until it expires."""

    policy: Annotated[StrictStr, Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")] = Field(
        description="id of the waived policy, e.g. AIG-MOD-001",
    )
    asset: Annotated[StrictStr, Field(min_length=1, description='id it applies to, or "*"')] = Field(
        description='id of the subject it applies to, or "*" for every subject',
    )
    reason: Text = Field(description="why the risk is accepted")
    approved_by: Text = Field(description="who accepted it")
    expires: IsoDate = Field(
        description="date the waiver ends; an expired exception no longer waives and is itself reported",
    )


# --- the file -----------------------------------------------------------------------------------


class Metadata(_Strict):
    organization: Text | None = Field(None, description="the organization the inventory describes")
    owner: Text | None = Field(None, description="the accountable team or mailbox")




class _Collections(_Strict):
    """Metadata and the collections: what a file may hold besides the envelope, and a whole inventory."""

    metadata: Metadata | None = Field(
        None, description="who the inventory belongs to (in at least one file of the inventory)",
    )
    stores: list[Store] = Field(
        default_factory=list,
        description=(
            "where assets live: buckets, databases, registries, shares, notebooks, laptops"
        ),
    )
    models: list[Model] = Field(default_factory=list, description="models and their weights")
    datasets: list[Dataset] = Field(
        default_factory=list, description="training and evaluation data, logs, prompts and embeddings",
    )
    data_sources: list[DataSource] = Field(
        default_factory=list,
        description=(
            "where data comes from: clinical trials, EHRs, registries, biobanks, partners"
        ),
    )
    partners: list[Partner] = Field(
        default_factory=list, description="external organizations: AI vendors, CROs, clouds, academia",
    )
    access: list[Grant] = Field(
        default_factory=list, description="who can reach what: one grant per principal and asset",
    )
    repositories: list[Repository] = Field(
        default_factory=list, description="source code, notebooks and pipelines of AI projects",
    )
    credentials: list[Credential] = Field(default_factory=list, description="tokens and keys that reach assets")
    controls: Controls | None = Field(None, description="organization-wide controls (in at most one file)")
    exceptions: list[PolicyException] = Field(
        default_factory=list, description="waivers: accepted findings of one policy on one subject, until they expire",
    )


class _Envelope(_Strict):
    """The first two fields of every file."""

    api_version: Literal[API_VERSION] = Field(  # type: ignore[valid-type]
        alias="apiVersion", description="the format version, in every file",
    )
    kind: Literal[KIND] = Field(description="what the file is, in every file")  # type: ignore[valid-type]


class InventoryFile(_Collections, _Envelope):  # bases in this order: the envelope comes first in the schema
    """One inventory file: the envelope and any subset of the collections."""

    model_config = ConfigDict(title="aiguard inventory file (aiguard/v1)")


class Inventory(_Collections):
    """A whole inventory: all files merged (what policies see as ``input``)."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one inventory file, as committed and as ``aiguard schema`` prints it."""
    schema = _drop_null_defaults(
        InventoryFile.model_json_schema(by_alias=True, mode="validation", schema_generator=_NoNullSchema))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://aiguard.dev/schema/inventory-v1.json",
        **schema,
    }


class _NoNullSchema(GenerateJsonSchema):
    """``X | None`` as the schema of X: null is never a valid value in a file (see ``_Strict``)."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])


def _drop_null_defaults(node: Any) -> Any:
    # "default": null only invites editors to complete a null, which the schema itself rejects.
    if isinstance(node, dict):
        return {k: _drop_null_defaults(v) for k, v in node.items() if not (k == "default" and v is None)}
    if isinstance(node, list):
        return [_drop_null_defaults(v) for v in node]
    return node

