// German texts. Keys match dialogs/texts.ts; anything missing is shown in English.
import type { Translation } from '../texts.js';

export const de: Translation = {
  welcome:
    'Hallo! Ich bin der IT-Hilfe-Bot. Beschreiben Sie, wobei Sie Hilfe brauchen, oder wählen Sie „Hilfe holen“, um mit einem Mitarbeiter zu chatten.',
  welcomeTitle: 'Willkommen bei der IT-Hilfe',
  welcomeExplanation:
    'Beschreiben Sie Ihr Problem in einer Nachricht, oder wählen Sie „Hilfe holen“, um direkt hier in Teams mit einem IT-Mitarbeiter zu chatten.',
  welcomeCommands: 'Sie können jederzeit auch „hilfe“, „live chat“ oder „chat beenden“ eingeben.',
  acknowledged:
    'Danke, ich habe das notiert. Wählen Sie „Hilfe holen“, wenn ein Mitarbeiter Ihnen helfen soll.',
  useTheCard:
    'Bitte verwenden Sie die Schaltflächen der Karte oben, oder geben Sie „abbrechen“ ein.',
  cardExpired: 'Diese Karte ist nicht mehr aktiv. Wählen Sie „Hilfe holen“, um neu zu beginnen.',

  getHelpTitle: 'Brauchen Sie Hilfe?',
  getHelpExplanation:
    'Ein IT-Mitarbeiter kann direkt hier in Teams mit Ihnen chatten. Wählen Sie „Hilfe holen“, um zu sehen, wer verfügbar ist.',
  getHelpButton: 'Hilfe holen',

  offerTitle: 'Ein Mitarbeiter kann Ihnen dabei helfen',
  offerExplanation: 'Wählen Sie, wie Sie ihn erreichen möchten.',
  offerHint: 'Bitte wählen Sie eine Option auf der Karte oben, oder geben Sie „abbrechen“ ein.',

  describeTitle: 'Beschreiben Sie Ihr Anliegen',
  describeExplanation:
    'Der Mitarbeiter sieht dies, bevor er dem Chat beitritt; ein paar Details helfen.',
  descriptionLabel: 'Wobei brauchen Sie Hilfe?',
  descriptionPlaceholder:
    'Zum Beispiel: Seit heute Morgen kann ich mich nicht mit dem VPN verbinden.',
  descriptionRequired: 'Bitte beschreiben Sie Ihr Anliegen, bevor Sie es absenden.',
  descriptionHint:
    'Bitte beschreiben Sie Ihr Anliegen auf der Karte oben und wählen Sie „Senden“ oder „Abbrechen“.',
  descriptionEmpty:
    'Ihre Beschreibung ist leer. Bitte sagen Sie dem Mitarbeiter, wobei Sie Hilfe brauchen.',
  descriptionTooLong: (length: number, max: number) =>
    `Ihre Beschreibung ist ${length} Zeichen lang; bitte kürzen Sie sie auf höchstens ${max}.`,
  submitButton: 'Senden',
  cancelButton: 'Abbrechen',

  cancelled:
    'Kein Problem, ich habe das abgebrochen. Schreiben Sie mir, wann immer Sie Hilfe brauchen.',
  unavailableReason: {
    noAgents:
      'Leider ist gerade kein Mitarbeiter verfügbar. Bitte versuchen Sie es etwas später noch einmal.',
    outsideHours:
      'Unsere Mitarbeiter sind nur während der Geschäftszeiten erreichbar, und im Moment ist geschlossen.',
    unreachable:
      'Leider konnte ich nicht prüfen, ob ein Mitarbeiter verfügbar ist. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
    notOffered:
      'Für diese Art von Anfrage wird leider kein Live-Chat mit einem Mitarbeiter angeboten.',
  },
  backAt: (when: string) => `Mitarbeiter sind voraussichtlich wieder erreichbar: ${when}.`,
  whatToDoInstead:
    'Sie können in der Zwischenzeit ein Ticket im IT-Portal erstellen; wir melden uns dann bei Ihnen.',

  connecting: 'Sie werden mit einem Mitarbeiter verbunden…',
  connectingTitle: 'Sie werden mit einem Mitarbeiter verbunden',
  connectingExplanation:
    'Ein Mitarbeiter tritt in Kürze bei. Sie können den Chat jederzeit beenden.',
  estimatedWait: (wait: string) => `Geschätzte Wartezeit: ${wait}.`,
  endChatExplanation: 'Sie können den Chat mit dem Mitarbeiter jederzeit beenden.',
  endChatButton: 'Chat beenden',
  agentJoined: (name?: string) =>
    name !== undefined && name.trim() !== ''
      ? `${name.trim()} ist dem Chat beigetreten.`
      : 'Ein Mitarbeiter ist dem Chat beigetreten.',
  agentJoinedExplanation:
    'Schreiben Sie Ihre Nachrichten unten. Wählen Sie „Chat beenden“, wenn Sie fertig sind.',
  queued: 'Sie sind in der Warteschlange für einen Mitarbeiter.',
  stillChatting:
    'Sie sind noch in einem Live-Chat. Schreiben Sie Ihre Nachricht an den Mitarbeiter, oder wählen Sie „Chat beenden“.',
  sessionEnded: 'Ihre Sitzung mit dem Mitarbeiter wurde beendet.',
  noAgentAnswered:
    'Ihre Sitzung mit dem Mitarbeiter wurde beendet: Der IT-Service-Desk hat die Chat-Anfrage nicht beantwortet. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
  idleReminder: (minutes: number) =>
    `Sind Sie noch da? Dieser Chat wird in etwa ${minutes} Minute${minutes === 1 ? '' : 'n'} geschlossen, wenn niemand schreibt.`,
  idleEnded:
    'Ihre Sitzung mit dem Mitarbeiter wurde beendet, weil eine Weile niemand geschrieben hat.',
  messagesDelayed:
    'Ich kann den IT-Service-Desk gerade nicht erreichen. Ihre Nachrichten bleiben erhalten und erreichen den Mitarbeiter, sobald er wieder erreichbar ist.',
  messagesDelivered:
    'Der IT-Service-Desk ist wieder erreichbar: Ihre Nachrichten wurden an den Mitarbeiter weitergegeben.',
  messageNotDelivered:
    'Leider konnte eine Ihrer Nachrichten nicht an den Mitarbeiter weitergegeben werden, weil der Chat bereits beendet war.',
  noOpenChat:
    'Sie haben gerade keinen offenen Live-Chat. Schreiben Sie mir, wann immer Sie Hilfe brauchen.',
  endChatConfirmed: 'Sie haben den Chat mit dem Mitarbeiter beendet.',
  alreadyChatting:
    'Sie haben bereits einen offenen Live-Chat. Schreiben Sie Ihre Nachricht dort an den Mitarbeiter.',
  optionNoLongerAvailable:
    'Diese Option ist nicht mehr verfügbar. Wählen Sie „Hilfe holen“, um zu sehen, was jetzt verfügbar ist.',
  noEmail:
    'Leider konnte ich Ihre E-Mail-Adresse in Teams nicht finden und Sie daher nicht mit einem Mitarbeiter verbinden. Bitte erstellen Sie ein Ticket im IT-Portal.',

  selected: (choice: string) => `Ihre Auswahl: ${choice}`,
  submitted: 'Gesendet. Vielen Dank!',
  chatEndedByYou: 'Sie haben diesen Chat beendet.',
  pickPrompt: 'Bitte wählen Sie eine Option:',
  agentImage: 'Bild vom Mitarbeiter',
  openLink: 'Link öffnen',
  showMore: 'Mehr anzeigen',
  secretWarning: 'Bitte teilen Sie in diesem Chat keine Passwörter oder andere Geheimnisse.',

  genericError:
    'Leider ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
  tryAgainLater:
    'Das hat gerade leider nicht geklappt. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
  serviceNowUnavailable:
    'Leider konnte ich den IT-Service-Desk gerade nicht erreichen. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
  serviceNowMisconfigured:
    'Der Live-Chat ist im Moment leider nicht richtig eingerichtet. Bitte erstellen Sie ein Ticket im IT-Portal.',
  tenantNotAllowed: 'Dieser Bot ist für Ihre Organisation leider nicht verfügbar.',

  articlesTitle: 'Diese Artikel könnten helfen',
  articlesExplanation: 'Hat einer davon Ihr Problem gelöst?',
  articleOpen: 'Artikel öffnen',
  articleSolvedButton: 'Das hat geholfen',
  articleNotSolvedButton: 'Ich brauche weiter Hilfe',
  articlesSolved: 'Schön, dass es geholfen hat! Schreiben Sie mir, wann immer Sie etwas brauchen.',
  articlesSolvedNote: 'Sie haben angegeben, dass dies Ihr Problem gelöst hat.',
  articlesNotSolvedNote: 'Sie haben angegeben, dass Sie weiter Hilfe brauchen.',
  ticketButton: 'Ticket erstellen',
  ticketTitle: 'Ticket erstellen',
  ticketExplanation:
    'Der IT-Service-Desk bearbeitet es und meldet sich bei Ihnen. Prüfen oder ändern Sie die Beschreibung und wählen Sie dann „Ticket erstellen“.',
  ticketInstead:
    'Sie können stattdessen direkt hier ein Ticket erstellen; der Service-Desk meldet sich dann bei Ihnen.',
  ticketCreated: (number: string) =>
    `Ihr Ticket ${number} wurde erstellt. Der IT-Service-Desk meldet sich bei Ihnen.`,
  ticketAlreadyCreated: (number: string) =>
    `Ihr Ticket ${number} war bereits erstellt; ich habe kein weiteres angelegt.`,
  ticketOpen: 'Ticket öffnen',
  ticketRequested: 'Ihr Ticket wird erstellt…',
  ticketRefused:
    'Leider hat der IT-Service-Desk das Ticket nicht angenommen. Ein Administrator kann den Grund sehen; bitte versuchen Sie es später erneut oder nutzen Sie das IT-Portal.',
  ticketUnavailable:
    'Leider konnte ich den IT-Service-Desk nicht erreichen, um das Ticket zu erstellen. Bitte versuchen Sie es in ein paar Minuten erneut: Ihre Beschreibung bleibt auf der Karte unten erhalten.',
  ticketInProgress:
    'Ihr Ticket wird gerade erstellt. Wenn die Nummer nicht gleich erscheint, wählen Sie erneut „Ticket erstellen“: Sie erhalten keines doppelt.',
  ticketNoEmail:
    'Leider habe ich Ihre E-Mail-Adresse in Teams nicht gefunden und kann daher kein Ticket für Sie erstellen. Bitte nutzen Sie das IT-Portal.',
  ticketUnknownUser:
    'Leider habe ich Sie im Verzeichnis des IT-Service-Desks nicht gefunden und kann daher kein Ticket für Sie erstellen. Bitte nutzen Sie das IT-Portal.',
  ticketNotOffered:
    'Leider können in diesem Chat keine Tickets erstellt werden. Bitte nutzen Sie das IT-Portal.',
  startFailedTicket: 'Leider konnte der IT-Service-Desk den Chat gerade nicht starten.',
  closedBeforeAgent:
    'Der IT-Service-Desk hat den Chat geschlossen, bevor ein Mitarbeiter beitreten konnte.',

  surveyTitle: 'Wie war der Chat?',
  surveyExplanation:
    'Bewerten Sie Ihren Chat mit dem Mitarbeiter von 1 (schlecht) bis 5 (ausgezeichnet).',
  surveyCommentLabel: 'Möchten Sie noch etwas ergänzen? (optional)',
  surveyRating: (rating: number) => `${rating} von 5`,
  surveyThanks: 'Vielen Dank für Ihr Feedback!',
  surveyAlreadyAnswered: 'Sie haben diesen Chat bereits bewertet. Vielen Dank!',
  sandboxAgentsAway:
    'Sandbox: Jordan Taylor ist jetzt offline, also ist kein Mitarbeiter verfügbar. Wählen Sie „Hilfe holen“, um den Ticket-Weg zu sehen; mit „mitarbeiter zurück“ kommt Jordan wieder.',
  sandboxAgentsBack: 'Sandbox: Jordan Taylor ist wieder verfügbar.',
  sandboxServiceNowSurvey:
    'Sandbox: Wenn Jordan Taylor jetzt einen Chat schließt, stellt ServiceNow eine eigene Umfrage, und ich leite sie weiter, statt meine zu stellen. Mit „bot-umfrage“ geht es zurück.',
  sandboxBotSurvey:
    'Sandbox: ServiceNow stellt keine eigene Umfrage mehr; ich frage wieder selbst.',
  fileTooLarge: (name: string, limit: string) =>
    `${name} wurde nicht an den Mitarbeiter gesendet: Die Datei ist größer als ${limit}.`,
  fileTypeRefused: (name: string) =>
    `${name} wurde nicht an den Mitarbeiter gesendet: Dieser Dateityp wird nicht angenommen.`,
  fileTooMany: (name: string, max: number) =>
    `${name} wurde nicht an den Mitarbeiter gesendet: Pro Nachricht sind höchstens ${max} Dateien möglich.`,
  fileDownloadFailed: (name: string) =>
    `${name} wurde nicht an den Mitarbeiter gesendet: Ich konnte die Datei nicht aus Teams abrufen. Bitte hängen Sie sie erneut an.`,
  fileContentMismatch: (name: string) =>
    `${name} wurde nicht an den Mitarbeiter gesendet: Der Inhalt passt nicht zum Dateityp.`,
  fileRefused: (name: string) =>
    `${name} wurde nicht an den Mitarbeiter gesendet: Der Service-Desk hat die Datei nicht angenommen.`,
  fileRequested:
    'Um eine Datei zu senden, hängen Sie sie mit der Büroklammer unter dem Eingabefeld an und senden Sie sie.',
  agentFile: 'Datei vom Mitarbeiter',
  download: 'Herunterladen',
  linkLifetime: (minutes: number) => `Der Download-Link ist ${minutes} Minuten lang gültig.`,
  agentFileUnavailable: (name: string) =>
    `Der Mitarbeiter hat ${name} gesendet, die Datei lässt sich hier aber nicht öffnen. Bitten Sie den Mitarbeiter, sie auf anderem Weg zu teilen.`,
};
