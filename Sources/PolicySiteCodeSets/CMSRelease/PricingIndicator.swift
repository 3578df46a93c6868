/// HCPCS pricing indicator (record layout field 9, columns 120-127: up to four 2-character
/// codes): the methodology Medicare Part B uses to price the code.
public enum PricingIndicator: String, Hashable, Sendable, CaseIterable {
    case notSeparatelyPriced = "00"
    // Physician fee schedule and non-physician practitioners linked to it.
    case nationalRVUs = "11"
    case nationalAnesthesiaBaseUnits = "12"
    case physicianServiceCarrierPriced = "13"
    // Clinical lab fee schedule.
    case nationalLimitationAmount = "21"
    case labCarrierPriced = "22"
    // Durable medical equipment, prosthetics, orthotics, supplies and surgical dressings.
    case frequentlyServicedDME = "31"
    case inexpensiveRoutinelyPurchasedDME = "32"
    case oxygenAndOxygenEquipment = "33"
    case dmeSupplies = "34"
    case surgicalDressings = "35"
    case cappedRentalDME = "36"
    case ostomyTracheostomyUrologicalSupplies = "37"
    case orthoticsProstheticsVisionServices = "38"
    case parenteralEnteralNutrition = "39"
    case customizedDME = "45"
    case dmeCarrierPriced = "46"
    // Other.
    case drugs = "51"
    case reasonableCharge = "52"
    case statute = "53"
    case vaccinations = "54"
    case splintsAndCasts = "55"
    case intraocularLensesInOffice = "56"
    case otherCarrierPriced = "57"
    case valueNotEstablished = "99"

    /// The meaning given in the 2019 record layout.
    public var meaning: String {
        switch self {
        case .notSeparatelyPriced: "Service not separately priced by part B (e.g., services not covered, bundled, used by part A only, etc.)"
        case .nationalRVUs: "Price established using national RVUs"
        case .nationalAnesthesiaBaseUnits: "Price established using national anesthesia base units"
        case .physicianServiceCarrierPriced: "Price established by carriers (e.g., not otherwise classified, individual determination, carrier discretion)"
        case .nationalLimitationAmount: "Price subject to national limitation amount"
        case .labCarrierPriced: "Price established by carriers (e.g., gap-fills, carrier established panels)"
        case .frequentlyServicedDME: "Frequently serviced DME (price subject to floors and ceilings)"
        case .inexpensiveRoutinelyPurchasedDME: "Inexpensive & routinely purchased DME (price subject to floors and ceilings)"
        case .oxygenAndOxygenEquipment: "Oxygen and oxygen equipment (price subject to floors and ceilings)"
        case .dmeSupplies: "DME supplies (price subject to floors and ceilings)"
        case .surgicalDressings: "Surgical dressings (price subject to floors and ceilings)"
        case .cappedRentalDME: "Capped rental DME (price subject to floors and ceilings)"
        case .ostomyTracheostomyUrologicalSupplies: "Ostomy, tracheostomy and urological supplies (price subject to floors and ceilings)"
        case .orthoticsProstheticsVisionServices: "Orthotics, prosthetics, prosthetic devices & vision services (price subject to floors and ceilings)"
        case .parenteralEnteralNutrition: "Parenteral and enteral nutrition"
        case .customizedDME: "Customized DME items"
        case .dmeCarrierPriced: "Carrier priced (e.g., not otherwise classified, individual determination, carrier discretion, gap-filled amounts)"
        case .drugs: "Drugs"
        case .reasonableCharge: "Reasonable charge"
        case .statute: "Statute"
        case .vaccinations: "Vaccinations"
        case .splintsAndCasts: "Splints and casts (eff 10/1/2014)"
        case .intraocularLensesInOffice: "IOLs inserted in a physician's office (eff 10/1/2014)"
        case .otherCarrierPriced: "Other carrier priced"
        case .valueNotEstablished: "Value not established"
        }
    }
}
