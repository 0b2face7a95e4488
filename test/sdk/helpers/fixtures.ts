import type { ReceiverResponsibility } from "@aws-sdk/client-partnercentral-selling";

/** Payloads and contexts with every member of the seed documents set. */

export const OPPORTUNITY_INVITATION_PAYLOAD = {
  SenderContacts: [
    {
      Email: "pdm@amazon.example.com",
      FirstName: "Pat",
      LastName: "Doe",
      BusinessTitle: "Partner Development Manager",
      Phone: "+14155550100",
    },
    {
      Email: "ae@amazon.example.com",
      FirstName: "Alex",
      LastName: "Roe",
      BusinessTitle: "Account Executive",
    },
  ],
  ReceiverResponsibilities: ["Services Partner", "Software Partner"] as ReceiverResponsibility[],
  Customer: {
    Industry: "Financial Services",
    CompanyName: "Example Bank Corp",
    WebsiteUrl: "https://www.examplebank.com",
    CountryCode: "US",
  },
  Project: {
    BusinessProblem: "Modernize the core banking platform on managed container services.",
    Title: "Core banking modernization on AWS for Example Bank",
    TargetCompletionDate: "2027-06-30",
    ExpectedCustomerSpend: [
      {
        Amount: "25000.50",
        CurrencyCode: "USD",
        Frequency: "Monthly",
        TargetCompany: "Example Bank Corp",
        EstimationUrl: "https://calculator.aws/#/estimate?id=0123456789abcdef0123456789abcdef",
      },
    ],
  },
};

export const LEAD_INVITATION_PAYLOAD = {
  Customer: {
    Industry: "Healthcare",
    CompanyName: "Example Clinics LLC",
    WebsiteUrl: "www.exampleclinics.com",
    CountryCode: "DE",
    AwsMaturity: "Advanced",
    MarketSegment: "Medium",
  },
  Interaction: {
    SourceType: "Event",
    SourceId: "evt-2026-042",
    SourceName: "AWS Summit Berlin",
    Usecase: "Data lake for patient analytics",
    ContactBusinessTitle: "Head of IT",
  },
};

export const CUSTOMER_PROJECT_CONTEXT = {
  Type: "CustomerProject",
  Payload: {
    CustomerProject: {
      Customer: {
        Industry: "Retail",
        CompanyName: "Example Retail Inc",
        WebsiteUrl: "https://shop.example-retail.com",
        CountryCode: "CA",
      },
      Project: {
        Title: "Omnichannel inventory platform",
        BusinessProblem: "Inventory is out of sync between stores and the web shop.",
        TargetCompletionDate: "2027-03-31",
      },
    },
  },
};

export const LEAD_CONTEXT = {
  Type: "Lead",
  Payload: {
    Lead: {
      QualificationStatus: "Qualified",
      Customer: {
        Industry: "Education",
        CompanyName: "Example University",
        WebsiteUrl: "https://www.example-university.edu",
        Address: { City: "Boston", PostalCode: "02115", StateOrRegion: "Massachusetts", CountryCode: "US" },
        AwsMaturity: "Beginner",
        MarketSegment: "Large",
      },
      Interactions: [
        {
          SourceType: "Webinar",
          SourceId: "web-77",
          SourceName: "Data on AWS webinar",
          Usecase: "Research computing",
          InteractionDate: new Date("2026-10-01T15:30:00.000Z"),
          CustomerAction: "Requested a follow-up",
          BusinessProblem: "Researchers wait weeks for on-premises compute capacity.",
          Contact: {
            BusinessTitle: "CIO",
            Email: "cio@example-university.edu",
            FirstName: "Jordan",
            LastName: "Lee",
            Phone: "+16175550123",
          },
        },
      ],
    },
  },
};

/** An `EnrichmentContext` with every member set, as AWS could attach it to a referral. */
export const ENRICHMENT_CONTEXT = {
  ProspectingResultAws: {
    Customer: {
      AccountName: "Example Bank Corp",
      Geo: "AMER",
      Region: "North America",
      SubRegion: "United States",
      Country: "US" as const,
      Industry: "Financial Services" as const,
      SubIndustry: "Banking",
      Segment: "Enterprise",
      CompanySize: "10,001+ employees",
      EligiblePrograms: ["Migration Acceleration Program"],
      PublicProfileSummary: "A regional bank modernizing its core systems.",
    },
    Insights: {
      MarketplaceEngagementScore: "High",
      SolutionScore: "Medium",
      SolutionCategory: "Migration",
      SolutionSubCategory: "Mainframe Modernization",
    },
  },
  LeadInsights: { LeadReadinessScore: "High" },
};
