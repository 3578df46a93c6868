/// HCPCS multiple pricing indicator (record layout field 10, column 128): whether a code can be
/// priced under more than one methodology.
public enum MultiplePricingIndicator: String, Hashable, Sendable, CaseIterable {
    case notApplicableNotPriced = "9"
    case singleMethodology = "A"
    case professionalComponentRVUs = "B"
    case labInterpretationRVUs = "C"
    case physicianOrPsychologist = "D"
    case physicianPsychologistOrSocialWorker = "E"
    case carrierPricedPhysicianPsychologistOrSocialWorker = "F"
    case labWithBloodProducts = "G"

    /// The meaning given in the 2019 record layout.
    public var meaning: String {
        switch self {
        case .notApplicableNotPriced:
            "Not applicable as HCPCS not priced separately by part B (pricing indicator is 00) or value is not established (pricing indicator is 99)"
        case .singleMethodology:
            "Not applicable as HCPCS priced under one methodology"
        case .professionalComponentRVUs:
            "Professional component of HCPCS priced using RVUs, while technical component and global service priced by Medicare part B carriers"
        case .labInterpretationRVUs:
            "Physician interpretation of clinical lab service is priced under physician fee schedule using RVUs, while pricing of lab service is paid under clinical lab fee schedule"
        case .physicianOrPsychologist:
            "Service performed by physician is priced under physician fee schedule using RVUs, while service performed by clinical psychologist is priced under clinical psychologist fee schedule (not applicable as of January 1, 1998)"
        case .physicianPsychologistOrSocialWorker:
            "Service performed by physician is priced under physician fee schedule using RVUs, service performed by clinical psychologist is priced under clinical psychologist's fee schedule and service performed by clinical social worker is priced under clinical social worker fee schedule (not applicable as of January 1, 1998)"
        case .carrierPricedPhysicianPsychologistOrSocialWorker:
            "Service performed by physician is priced under physician fee schedule by carriers, service performed by clinical psychologist is priced under clinical psychologist's fee schedule and service performed by clinical social worker is priced under clinical social worker fee schedule (not applicable as of January 1, 1998)"
        case .labWithBloodProducts:
            "Clinical lab service priced under reasonable charge when service is submitted on claim with blood products, while service is priced under clinical lab fee schedule when there are no blood products on claim"
        }
    }
}
