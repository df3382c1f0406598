// Spanish texts. Keys match dialogs/texts.ts; anything missing is shown in English.
import type { Translation } from '../texts.js';

export const es: Translation = {
  welcome:
    '¡Hola! Soy el bot de ayuda de TI. Cuénteme en qué necesita ayuda, o seleccione Obtener ayuda para hablar con un agente.',
  welcomeTitle: 'Bienvenido a la ayuda de TI',
  welcomeExplanation:
    'Describa su problema en un mensaje, o seleccione Obtener ayuda para chatear con un agente de TI aquí mismo en Teams.',
  welcomeCommands:
    'También puede escribir "ayuda", "chat en vivo" o "terminar chat" en cualquier momento.',
  acknowledged: 'Gracias, lo he anotado. Seleccione Obtener ayuda si desea que un agente le ayude.',
  useTheCard: 'Use los botones de la tarjeta de arriba, o escriba "cancelar" para detenerse.',
  cardExpired: 'Esa tarjeta ya no está activa. Seleccione Obtener ayuda para empezar de nuevo.',

  getHelpTitle: '¿Necesita ayuda?',
  getHelpExplanation:
    'Un agente de TI puede chatear con usted aquí mismo en Teams. Seleccione Obtener ayuda para ver quién está disponible.',
  getHelpButton: 'Obtener ayuda',

  offerTitle: 'Un agente puede ayudarle con esto',
  offerExplanation: 'Elija cómo desea contactarle.',
  offerHint: 'Elija una opción en la tarjeta de arriba, o escriba "cancelar" para detenerse.',

  describeTitle: 'Describa su problema',
  describeExplanation: 'El agente verá esto antes de unirse, así que unos detalles ayudan.',
  descriptionLabel: '¿En qué necesita ayuda?',
  descriptionPlaceholder: 'Por ejemplo: no puedo conectarme a la VPN desde esta mañana.',
  descriptionRequired: 'Describa su problema antes de enviarlo.',
  descriptionHint: 'Describa su problema en la tarjeta de arriba y seleccione Enviar, o Cancelar.',
  descriptionEmpty: 'Su descripción está vacía. Dígale al agente en qué necesita ayuda.',
  descriptionTooLong: (length: number, max: number) =>
    `Su descripción tiene ${length} caracteres; acórtela a ${max} como máximo.`,
  submitButton: 'Enviar',
  cancelButton: 'Cancelar',

  cancelled: 'De acuerdo, lo he cancelado. Escríbame cuando necesite ayuda.',
  unavailableReason: {
    noAgents:
      'Lo sentimos, no hay agentes disponibles en este momento. Inténtelo de nuevo un poco más tarde.',
    outsideHours:
      'Nuestros agentes solo están disponibles en horario laboral, y ahora estamos cerrados.',
    unreachable:
      'Lo sentimos, no pude comprobar si hay un agente disponible. Inténtelo de nuevo en unos minutos.',
    notOffered:
      'Lo sentimos, el chat con un agente no está disponible para este tipo de solicitud.',
  },
  backAt: (when: string) => `Se espera que los agentes vuelvan a estar disponibles: ${when}.`,
  whatToDoInstead:
    'Mientras tanto, puede abrir un ticket en el portal de TI y nos pondremos en contacto con usted.',

  connecting: 'Conectándole con un agente…',
  connectingTitle: 'Conectándole con un agente',
  connectingExplanation:
    'Un agente se unirá en breve. Puede terminar el chat en cualquier momento.',
  estimatedWait: (wait: string) => `Espera estimada: ${wait}.`,
  endChatExplanation: 'Puede terminar el chat con el agente en cualquier momento.',
  endChatButton: 'Terminar chat',
  agentJoined: (name?: string) =>
    name !== undefined && name.trim() !== ''
      ? `${name.trim()} se ha unido al chat.`
      : 'Un agente se ha unido al chat.',
  agentJoinedExplanation:
    'Escriba sus mensajes abajo. Seleccione Terminar chat cuando haya terminado.',
  queued: 'Está en la cola para hablar con un agente.',
  stillChatting:
    'Sigue en un chat en vivo. Escriba su mensaje para el agente, o seleccione Terminar chat para salir.',
  sessionEnded: 'Su sesión con el agente ha terminado.',
  noAgentAnswered:
    'Su sesión con el agente ha terminado: el servicio de TI no respondió a la solicitud de chat. Inténtelo de nuevo en unos minutos.',
  idleReminder: (minutes: number) =>
    `¿Sigue ahí? Este chat se cerrará en unos ${minutes} minuto${minutes === 1 ? '' : 's'} si nadie escribe.`,
  idleEnded: 'Su sesión con el agente ha terminado porque nadie escribió durante un tiempo.',
  messagesDelayed:
    'No puedo contactar con el servicio de TI en este momento. Sus mensajes se guardan y llegarán al agente en cuanto vuelva a estar disponible.',
  messagesDelivered:
    'El servicio de TI vuelve a estar disponible: sus mensajes se han entregado al agente.',
  messageNotDelivered:
    'Lo sentimos, uno de sus mensajes no pudo entregarse al agente porque el chat ya había terminado.',
  noOpenChat: 'No tiene ningún chat en vivo abierto. Escríbame cuando necesite ayuda.',
  endChatConfirmed: 'Ha terminado el chat con el agente.',
  alreadyChatting: 'Ya tiene un chat en vivo abierto. Escriba allí su mensaje para el agente.',
  optionNoLongerAvailable:
    'Esa opción ya no está disponible. Seleccione Obtener ayuda para ver lo que hay disponible ahora.',
  noEmail:
    'Lo sentimos, no encontré su dirección de correo en Teams, así que no puedo conectarle con un agente. Abra un ticket en el portal de TI.',

  selected: (choice: string) => `Ha seleccionado: ${choice}`,
  submitted: 'Enviado. ¡Gracias!',
  chatEndedByYou: 'Ha terminado este chat.',
  pickPrompt: 'Elija una opción:',
  agentImage: 'Imagen del agente',
  openLink: 'Abrir enlace',
  showMore: 'Mostrar más',
  secretWarning: 'No comparta contraseñas ni otros secretos en este chat.',

  genericError: 'Lo sentimos, algo salió mal por mi parte. Inténtelo de nuevo en un momento.',
  tryAgainLater: 'Lo sentimos, no pude hacerlo ahora. Inténtelo de nuevo en unos minutos.',
  serviceNowUnavailable:
    'Lo sentimos, no pude contactar con el servicio de TI. Inténtelo de nuevo en unos minutos.',
  serviceNowMisconfigured:
    'Lo sentimos, el chat en vivo no está bien configurado en este momento. Abra un ticket en el portal de TI.',
  tenantNotAllowed: 'Lo sentimos, este bot no está disponible para su organización.',

  articlesTitle: 'Estos artículos podrían ayudarle',
  articlesExplanation: '¿Alguno de ellos resolvió su problema?',
  articleOpen: 'Abrir artículo',
  articleSolvedButton: 'Esto lo resolvió',
  articleNotSolvedButton: 'Todavía necesito ayuda',
  articlesSolved: '¡Me alegra que haya servido! Escríbame cuando necesite algo más.',
  articlesSolvedNote: 'Indicó que esto resolvió su problema.',
  articlesNotSolvedNote: 'Indicó que todavía necesita ayuda.',
  ticketButton: 'Crear un ticket',
  ticketTitle: 'Crear un ticket',
  ticketExplanation:
    'El servicio de asistencia de TI lo atenderá y se pondrá en contacto con usted. Revise o edite la descripción y seleccione Crear un ticket.',
  ticketInstead:
    'En su lugar, puede crear un ticket aquí mismo y el servicio de asistencia se pondrá en contacto con usted.',
  ticketCreated: (number: string) =>
    `Se ha creado su ticket ${number}. El servicio de asistencia de TI se pondrá en contacto con usted.`,
  ticketAlreadyCreated: (number: string) =>
    `Su ticket ${number} ya se había creado, así que no he creado otro.`,
  ticketOpen: 'Abrir el ticket',
  ticketRequested: 'Creando su ticket…',
  ticketRefused:
    'Lo sentimos, el servicio de asistencia de TI no aceptó el ticket. Un administrador puede ver el motivo; inténtelo más tarde o use el portal de TI.',
  ticketUnavailable:
    'Lo sentimos, no pude contactar con el servicio de asistencia de TI para crear el ticket. Inténtelo de nuevo en unos minutos: su descripción se conserva en la tarjeta de abajo.',
  ticketInProgress:
    'Su ticket se está creando ahora mismo. Si el número no aparece en un momento, seleccione Crear un ticket de nuevo: no recibirá dos.',
  ticketNoEmail:
    'Lo sentimos, no encontré su dirección de correo electrónico en Teams, así que no puedo crear un ticket para usted. Use el portal de TI.',
  ticketUnknownUser:
    'Lo sentimos, no le encontré en el directorio del servicio de asistencia de TI, así que no puedo crear un ticket para usted. Use el portal de TI.',
  ticketNotOffered: 'Lo sentimos, en este chat no se pueden crear tickets. Use el portal de TI.',
  startFailedTicket: 'Lo sentimos, el servicio de asistencia de TI no pudo iniciar el chat ahora.',
  closedBeforeAgent:
    'El servicio de asistencia de TI cerró el chat antes de que un agente pudiera unirse.',

  surveyTitle: '¿Qué tal fue el chat?',
  surveyExplanation: 'Valore su chat con el agente de 1 (malo) a 5 (excelente).',
  surveyCommentLabel: '¿Desea añadir algo? (opcional)',
  surveyRating: (rating: number) => `${rating} de 5`,
  surveyThanks: '¡Gracias por su opinión!',
  surveyAlreadyAnswered: 'Ya ha valorado este chat. ¡Gracias!',
  sandboxAgentsAway:
    'Sandbox: Jordan Taylor está ahora desconectado, así que no hay agentes disponibles. Seleccione Obtener ayuda para ver el camino del ticket; escriba "agentes de vuelta" para que Jordan vuelva.',
  sandboxAgentsBack: 'Sandbox: Jordan Taylor vuelve a estar disponible.',
  sandboxServiceNowSurvey:
    'Sandbox: cuando Jordan Taylor cierre ahora un chat, ServiceNow hará su propia encuesta, y yo se la paso en lugar de hacer la mía. Escriba "encuesta del bot" para volver.',
  sandboxBotSurvey: 'Sandbox: ServiceNow ya no hace su propia encuesta; vuelvo a hacer la mía.',
  fileTooLarge: (name: string, limit: string) =>
    `${name} no se envió al agente: es más grande que ${limit}.`,
  fileTypeRefused: (name: string) =>
    `${name} no se envió al agente: este tipo de archivo no se acepta.`,
  fileTooMany: (name: string, max: number) =>
    `${name} no se envió al agente: puede enviar como máximo ${max} archivos por mensaje.`,
  fileDownloadFailed: (name: string) =>
    `${name} no se envió al agente: no pude obtenerlo de Teams. Adjúntelo de nuevo, por favor.`,
  fileContentMismatch: (name: string) =>
    `${name} no se envió al agente: su contenido no corresponde a su tipo de archivo.`,
  fileRefused: (name: string) =>
    `${name} no se envió al agente: el centro de servicio no lo aceptó.`,
  fileRequested:
    'Para enviar un archivo, adjúntelo con el clip debajo del cuadro de mensaje y envíelo.',
  agentFile: 'Archivo del agente',
  download: 'Descargar',
  linkLifetime: (minutes: number) => `El enlace de descarga funciona durante ${minutes} minutos.`,
  agentFileUnavailable: (name: string) =>
    `El agente envió ${name}, pero no se puede abrir aquí. Pida al agente que lo comparta de otra forma.`,
};
