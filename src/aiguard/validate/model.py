"""The inventory format (``../shared/spec/inventory-format.md``) as a pydantic v2 model.

This model is the single source of the JSON Schema that files are validated against
(``aiguard schema``; committed as ``src/aiguard/schema/inventory.schema.json``). It is strict:
unknown fields are errors (a typo such as ``encrpytion`` must not silently drop a control) and
no value is coerced (``at_rest: "yes"`` is an error, not ``True``).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StrictBool, StrictInt, StrictStr

from aiguard.validate.collections import API_VERSION, DATE_PATTERN, KIND, MAX_YEAR, MIN_YEAR


def _iso_date(value: Any) -> Any:
    # Dates are written as ISO 8601 strings; a number or a datetime is not a date.
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 date string such as 2026-03-01")
    if not re.match(DATE_PATTERN, value):
        raise ValueError(f"must be an ISO 8601 date (YYYY-MM-DD) in the years {MIN_YEAR} to {MAX_YEAR}")
    return value


IsoDate = Annotated[_dt.date, Strict(False), BeforeValidator(_iso_date), Field(json_schema_extra={"pattern": DATE_PATTERN})]
Text = Annotated[StrictStr, Field(min_length=1, pattern=r"\S")]
Id = Annotated[StrictStr, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$")]
Days = Annotated[StrictInt, Field(ge=0)]
Number = Annotated[float, Strict(), Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _Owned(_Strict):
    """Identity shared by stores, models and datasets."""

    id: Id
    name: Text = None
    owner: Text = Field(None, description="a team or mailbox")


Classification = Literal["public", "internal", "confidential", "restricted"]


# --- stores -------------------------------------------------------------------------------------


StoreKind = Literal[
    "object_storage", "database", "file_share", "container_registry", "model_registry", "notebook",
    "warehouse", "saas", "endpoint", "laptop",
]


Environment = Literal["production", "research", "development", "partner_shared"]


KeyKind = Literal["none", "provider_managed", "customer_managed", "hsm"]


class Encryption(_Strict):
    at_rest: StrictBool = None
    key: KeyKind = None
    key_rotation_days: Annotated[StrictInt, Field(ge=1)] = Field(None, description="absent: never rotated")
    in_transit: StrictBool = Field(None, description="TLS enforced")


class Network(_Strict):
    private: StrictBool = Field(None, description="no public endpoint")


class Logging(_Strict):
    data_access: StrictBool = Field(None, description="reads are logged")
    retention_days: Days = None


class EgressAlert(_Strict):
    enabled: StrictBool = None
    threshold_gb_per_day: Number = None


class Backup(_Strict):
    enabled: StrictBool = None
    immutable: StrictBool = None
    separate_account: StrictBool = None
    last_restore_test: IsoDate = None


class Store(_Owned):
    """Where assets live."""

    kind: StoreKind = None
    provider: Text = None
    region: Text = None
    environment: Environment = None
    encryption: Encryption = None
    public_access: StrictBool = None
    network: Network = None
    logging: Logging = None
    egress_alert: EgressAlert = None
    backup: Backup = None


# --- models -------------------------------------------------------------------------------------


WeightsFormat = Literal[
    "safetensors", "onnx", "gguf", "pytorch_pickle", "pickle", "joblib", "keras_h5",
    "tf_savedmodel", "other",
]


SignatureMethod = Literal["sigstore", "gpg", "x509", "other"]


class Signature(_Strict):
    signed: StrictBool = None
    method: SignatureMethod = None


ScanResult = Literal["clean", "issues"]


class Scan(_Strict):
    """A malicious-serialization scan of the weights."""

    tool: Text = None
    date: IsoDate
    result: ScanResult


class Weights(_Strict):
    store: Id = Field(None, description="store id")
    path: Text = None
    format: WeightsFormat = None
    size_gb: Number = None
    encrypted: StrictBool = Field(None, description="the artifact itself is encrypted (envelope encryption)")
    sha256: Annotated[StrictStr, Field(pattern=r"^[0-9a-fA-F]{64}$")] = None
    signature: Signature = None
    last_scan: Scan = None


class Training(_Strict):
    datasets: list[Id] = Field(default_factory=list, description="dataset ids")
    base_model: Text = Field(None, description="free text or a model id")


Exposure = Literal["internal", "partner", "public"]


class Deployment(_Strict):
    endpoint: Text
    exposure: Exposure
    authentication: StrictBool = None
    rate_limited: StrictBool = None


class Model(_Owned):
    classification: Classification = None
    proprietary: StrictBool = None
    weights: Weights = None
    training: Training = None
    deployments: list[Deployment] = Field(default_factory=list)


# --- datasets -----------------------------------------------------------------------------------


DatasetType = Literal["training", "evaluation", "logs", "prompts", "embeddings", "other"]


PersonalData = Literal["phi", "pii", "genetic", "biometric", "health"]


DeidStatus = Literal["none", "pseudonymised", "anonymised"]


DeidMethod = Literal[
    "safe_harbor", "expert_determination", "k_anonymity", "tokenisation", "aggregation", "other",
]


class Deidentification(_Strict):
    status: DeidStatus = None
    method: DeidMethod = None
    key_store: Id = Field(None, description="store id holding the re-identification key")
    last_risk_assessment: IsoDate = None
    risk_score: Annotated[float, Strict(), Field(ge=0, le=1)] = None


Purpose = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$", description="e.g. ai_training, research")]


class Retention(_Strict):
    until: IsoDate = Field(None, description="date after which the data must be deleted")


class Dataset(_Owned):
    classification: Classification = None
    type: DatasetType = None
    store: Id = Field(None, description="store id")
    path: Text = None
    size_gb: Number = None
    personal_data: list[PersonalData] = Field(default_factory=list)
    deidentification: Deidentification = None
    sources: list[Id] = Field(default_factory=list, description="data_source ids")
    purposes: list[Purpose] = Field(default_factory=list)
    retention: Retention = None
    contains_secrets: StrictBool = None


# --- data sources -------------------------------------------------------------------------------


SourceKind = Literal["clinical_trial", "ehr", "registry", "biobank", "public", "synthetic", "partner"]


class EthicsApproval(_Strict):
    reference: Text = None
    expires: IsoDate = None


class Consent(_Strict):
    purposes: list[Purpose] = Field(default_factory=list)


class LawfulBasis(_Strict):
    gdpr_art6: Text = None
    gdpr_art9: Text = None


class DataSource(_Strict):
    id: Id
    name: Text = None
    kind: SourceKind = None
    trial_id: Text = None
    regions: list[Text] = Field(default_factory=list)
    hipaa_applicable: StrictBool = None
    ethics_approval: EthicsApproval = None
    consent: Consent = None
    lawful_basis: LawfulBasis = None
    data_sharing_agreement: Text = None


# --- partners -----------------------------------------------------------------------------------


PartnerKind = Literal["ai_vendor", "cro", "cloud", "academic", "consultancy", "other"]


class Agreement(_Strict):
    signed: IsoDate
    reference: Text = None


class Agreements(_Strict):
    dpa: Agreement = Field(None, description="GDPR Art. 28 data processing agreement")
    baa: Agreement = Field(None, description="HIPAA business associate agreement")
    breach_notice_hours: Days = None


AttestationType = Literal["soc2_type2", "iso27001", "iso42001", "other"]


class Attestation(_Strict):
    type: AttestationType
    expires: IsoDate


class Partner(_Strict):
    id: Id
    name: Text = None
    kind: PartnerKind = None
    agreements: Agreements = None
    attestations: list[Attestation] = Field(default_factory=list)
    mfa_enforced: StrictBool = None
    regions: list[Text] = Field(default_factory=list)


# --- access -------------------------------------------------------------------------------------


Level = Literal["read", "write", "admin"]


Principal = Annotated[
    StrictStr,
    Field(pattern=r"^(partner|group|user|service):\S+$", description="partner:<id>, group:<name>, user:<email>, service:<name>"),
]


class Grant(_Strict):
    """Who can reach what."""

    principal: Principal
    asset: Id = Field(description="id of a model, dataset, store or repository")
    level: Level
    download: StrictBool = Field(None, description="may copy the asset out (bulk export)")
    purpose: Purpose = None
    granted: IsoDate = None
    expires: IsoDate = Field(None, description="absent: never")
    last_review: IsoDate = None


# --- repositories -------------------------------------------------------------------------------


Visibility = Literal["private", "internal", "public"]


RepoContent = Literal["training_code", "inference_code", "pipelines", "notebooks", "infrastructure"]


class Repository(_Strict):
    id: Id
    url: Text = None
    owner: Text = None
    visibility: Visibility = None
    contains: list[RepoContent] = Field(default_factory=list)
    secret_scanning: StrictBool = None
    push_protection: StrictBool = None


# --- credentials --------------------------------------------------------------------------------


CredentialKind = Literal[
    "personal_access_token", "api_token", "registry_token", "service_account_key", "ssh_key",
]


StoredIn = Literal["vault", "ci_secret", "source_code", "client_bundle", "laptop", "other"]


class Credential(_Strict):
    id: Id
    kind: CredentialKind = None
    reaches: list[Id] = Field(default_factory=list, description="ids of stores, repositories, models or datasets")
    scopes: list[Text] = Field(default_factory=list)
    expires: IsoDate = Field(None, description="absent: never")
    stored_in: StoredIn = None
    last_rotated: IsoDate = None
    found_in: list[Id] = Field(
        default_factory=list,
        description="ids of repositories, stores, models or datasets where the secret can be read by whoever reaches them",
    )


# --- controls and exceptions --------------------------------------------------------------------


class IncidentResponse(_Strict):
    plan: StrictBool = None
    covers_ai_assets: StrictBool = None
    extortion_playbook: StrictBool = None
    last_exercise: IsoDate = None
    notification_hours: Days = Field(None, description="hours to notify a supervisory authority")


class Monitoring(_Strict):
    siem: StrictBool = None
    dlp: StrictBool = None


class Controls(_Strict):
    """Organization-wide controls."""

    incident_response: IncidentResponse = None
    access_review_interval_days: Annotated[StrictInt, Field(ge=1)] = None
    monitoring: Monitoring = None


class PolicyException(_Strict):
    """A waiver of one policy on one asset (``"*"``: every subject), until it expires."""

    policy: Annotated[StrictStr, Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$", description="policy id, e.g. AIG-MOD-001")]
    asset: Annotated[StrictStr, Field(min_length=1, description='id it applies to, or "*"')]
    reason: Text
    approved_by: Text
    expires: IsoDate


# --- the file -----------------------------------------------------------------------------------


class Metadata(_Strict):
    organization: Text = None
    owner: Text = None




class InventoryFile(_Strict):
    """One inventory file: the envelope and any subset of the collections."""

    model_config = ConfigDict(title="aiguard inventory file (aiguard/v1)")

    api_version: Literal[API_VERSION] = Field(alias="apiVersion")  # type: ignore[valid-type]
    kind: Literal[KIND]  # type: ignore[valid-type]
    metadata: Metadata = None
    stores: list[Store] = Field(default_factory=list)
    models: list[Model] = Field(default_factory=list)
    datasets: list[Dataset] = Field(default_factory=list)
    data_sources: list[DataSource] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    access: list[Grant] = Field(default_factory=list)
    repositories: list[Repository] = Field(default_factory=list)
    credentials: list[Credential] = Field(default_factory=list)
    controls: Controls = None
    exceptions: list[PolicyException] = Field(default_factory=list)


class Inventory(_Strict):
    """A whole inventory: all files merged (what policies see as ``input``)."""

    metadata: Metadata = None
    stores: list[Store] = Field(default_factory=list)
    models: list[Model] = Field(default_factory=list)
    datasets: list[Dataset] = Field(default_factory=list)
    data_sources: list[DataSource] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    access: list[Grant] = Field(default_factory=list)
    repositories: list[Repository] = Field(default_factory=list)
    credentials: list[Credential] = Field(default_factory=list)
    controls: Controls = None
    exceptions: list[PolicyException] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one inventory file, as committed and as ``aiguard schema`` prints it."""
    schema = _drop_null_defaults(InventoryFile.model_json_schema(by_alias=True, mode="validation"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://aiguard.dev/schema/inventory-v1.json",
        **schema,
    }


def _drop_null_defaults(node: Any) -> Any:
    # "default": null only invites editors to complete a null, which the schema itself rejects.
    if isinstance(node, dict):
        return {k: _drop_null_defaults(v) for k, v in node.items() if not (k == "default" and v is None)}
    if isinstance(node, list):
        return [_drop_null_defaults(v) for v in node]
    return node

